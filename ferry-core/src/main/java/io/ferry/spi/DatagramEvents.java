package io.ferry.spi;

import io.ferry.buffer.Buf;
import io.ferry.net.DatagramAddress;
import java.io.IOException;

/**
 * What a backend reports about one datagram socket, to the core above it. Loop thread only: any number
 * of {@link #onDatagram} and {@link #onError}, and last of all exactly one {@link #onClosed}.
 */
public interface DatagramEvents {
    /**
     * One datagram, whole.
     *
     * @param data its payload (at most the receive limit); ownership passes to the core
     * @param sender the backend's flyweight, valid during the call only
     * @param truncated whether the datagram was longer than {@code data}
     */
    void onDatagram(Buf data, DatagramAddress sender, boolean truncated);

    /**
     * A send or receive failed; the socket stays open.
     *
     * @param error the failure, its message naming the operation
     */
    void onError(IOException error);

    /** Last event: no operation can touch this socket's buffers any more. */
    void onClosed();

    /** {@return the queue the backend sends from} */
    DatagramOutbox outbox();

    /** {@return the largest payload to deliver; longer datagrams are truncated to it and flagged} */
    int receiveLimit();
}
