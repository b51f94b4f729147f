package io.ferry.net;

import io.ferry.buffer.Buf;
import java.io.IOException;

/**
 * Callbacks for one datagram socket, all on the socket's loop thread, never concurrently.
 *
 * <p>An exception thrown from a callback goes to the loop's error handler; the socket stays open.
 */
@FunctionalInterface
public interface DatagramHandler {
    /**
     * One datagram arrived, whole: never split or merged with another.
     *
     * @param socket the socket it arrived on
     * @param data its payload (0 bytes for an empty datagram), owned by the handler from now on: release it
     *     or hand it on, e.g. with {@link DatagramSocket#send(Buf, DatagramAddress)}
     * @param sender who sent it; a flyweight valid only during this call (see {@link DatagramAddress})
     * @param truncated true when the datagram was longer than {@link DatagramOptions#receiveLimit()} and
     *     {@code data} holds only its first {@code receiveLimit} bytes (also counted by
     *     {@link DatagramSocket#truncatedDatagrams()})
     */
    void onDatagram(DatagramSocket socket, Buf data, DatagramAddress sender, boolean truncated);

    /**
     * A send or receive failed without closing the socket: on a connected socket an ICMP error from the
     * peer (port unreachable arrives as a {@link java.net.PortUnreachableException}), or the kernel
     * refused a datagram. The default reports it to the loop's error handler.
     *
     * @param socket the socket
     * @param error what failed; its message names the operation and the peer
     */
    default void onError(DatagramSocket socket, IOException error) {
        socket.loop().reportError(error);
    }

    /**
     * The socket is closed and every buffer it held is released; called exactly once.
     *
     * @param socket the closed socket
     */
    default void onClose(DatagramSocket socket) {
    }
}
