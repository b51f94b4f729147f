package io.ferry.net;

import io.ferry.buffer.Buf;
import io.ferry.loop.EventLoop;
import java.net.InetSocketAddress;

/**
 * A bound UDP socket (IPv4 or IPv6) on one loop: datagrams arrive at its {@link DatagramHandler}, and
 * {@link #send} queues datagrams that go out together (one {@code sendmmsg} on epoll) once the current
 * callbacks and tasks of the loop are done.
 *
 * <p>Threads: {@link #send} must be called on {@link #loop()}'s thread (a callback, or a task given to
 * {@code loop().execute}); it fails with an {@link IllegalStateException} elsewhere. {@link #close()} and the
 * getters answer from any thread.
 *
 * <p>Datagrams: each {@code send} is one datagram, never split or merged; the kernel may drop it (UDP
 * does not retry), and on a busy loopback it does. Each buffer stays pinned until the kernel has taken it.
 */
public interface DatagramSocket extends AutoCloseable {
    /**
     * Queues one datagram to {@code to}, taking ownership of {@code data} (its readable bytes are the payload).
     * Copies {@code to}, so a handler may pass the sender flyweight it was given.
     *
     * @param data the payload; released once sent, or at once when refused
     * @param to the destination; ignored on a connected socket, whose datagrams all go to its peer
     * @return true when queued, false when the send queue is full ({@link DatagramOptions#sendQueue()}): the
     *     datagram is dropped and counted in {@link #droppedDatagrams()}
     * @throws IllegalArgumentException when the payload is longer than UDP allows to that address family
     *     (65,507 bytes over IPv4, 65,527 over IPv6); {@code data} is released
     * @throws IllegalStateException when the socket is closed, or off the loop thread; {@code data} is released
     */
    boolean send(Buf data, DatagramAddress to);

    /**
     * Queues one datagram to the connected peer; see {@link #send(Buf, DatagramAddress)}.
     *
     * @param data the payload, owned by the socket from now on
     * @return true when queued, false when the send queue is full
     * @throws IllegalStateException when the socket is not connected, closed, or off the loop thread
     * @throws IllegalArgumentException when the payload is longer than UDP allows
     */
    boolean send(Buf data);

    /** {@return the bound address, with the real port when port 0 was asked for} */
    InetSocketAddress localAddress();

    /** {@return the connected peer, or null for an unconnected socket} */
    InetSocketAddress remoteAddress();

    /** {@return the loop that runs this socket and its callbacks} */
    EventLoop loop();

    /** {@return false once {@link #close()} was called} */
    boolean isOpen();

    /** {@return datagrams delivered truncated (longer than the receive limit) since the socket opened} */
    long truncatedDatagrams();

    /** {@return datagrams {@link #send} refused because the send queue was full} */
    long droppedDatagrams();

    /**
     * Closes the socket: queued datagrams not yet taken by the kernel are dropped and released, and
     * {@link DatagramHandler#onClose} follows on the loop. Any thread; idempotent.
     */
    @Override
    void close();
}
