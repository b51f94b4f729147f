package io.ferry.spi;

import java.net.InetSocketAddress;

/**
 * The backend half of one datagram socket, opened by {@link IoDriver#openDatagram}. Loop thread only.
 * It reads from the moment it opens, reporting each datagram to its {@link DatagramEvents}, and sends what
 * {@link DatagramEvents#outbox()} holds when {@link #flush()}ed.
 */
public interface DatagramIo {
    /**
     * The outbox has new datagrams: send them (batched where the backend can) unless a send is under way or
     * the socket is waiting to become writable; what the kernel took is removed with
     * {@link DatagramOutbox#removeSent}.
     */
    void flush();

    /**
     * Closes the socket; operations in flight are cancelled and {@link DatagramEvents#onClosed()} follows once
     * none can touch a buffer.
     */
    void close();

    /** {@return the bound address} */
    InetSocketAddress localAddress();
}
