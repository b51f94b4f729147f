/**
 * Sockets for users. Streams, TCP and Unix domain: {@link io.ferry.net.Handler} callbacks on a loop thread over a
 * {@link io.ferry.net.Connection}, the same on every backend. A Unix connection also tells who is at the other end
 * ({@link io.ferry.net.PeerCredentials}); {@link io.ferry.net.UnixSockets} names Linux's abstract namespace.
 * Datagrams, UDP: a {@link io.ferry.net.DatagramSocket} whose {@link io.ferry.net.DatagramHandler} gets each
 * datagram whole with its sender (a reusable {@link io.ferry.net.DatagramAddress}, valid during the callback).
 *
 * <p>Buffer ownership: {@code onData} hands the handler a {@code Buf} it now owns (release it, or
 * pass it on with {@code Connection.write}, which takes ownership). Writes are queued and go out on
 * {@code flush()} as one gathered write; each buffer stays pinned until the kernel is done with it.
 */
package io.ferry.net;
