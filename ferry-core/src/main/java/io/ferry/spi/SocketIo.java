package io.ferry.spi;

import io.ferry.net.PeerCredentials;
import java.net.SocketAddress;

/**
 * The backend half of one connection. Loop thread only. Reports to its {@link SocketEvents}
 * through {@code onRead}, {@code onWritten}, {@code onInputClosed}, {@code onFailure} and, last of
 * all, {@code onClosed}.
 */
public interface SocketIo {
    /** Called once by the connection core, before anything else: where events go. */
    void bind(SocketEvents connection);

    /** Starts (or resumes) reading; received bytes go to {@link SocketEvents#onRead}. */
    void resumeReading();

    /** Stops reading (backpressure). Bytes the kernel already delivered may still arrive once. */
    void pauseReading();

    /**
     * The outbound queue has new bytes: start writing them unless a write is already under way. Each
     * write reports through {@link SocketEvents#onWritten}, which releases what was sent.
     */
    void flush();

    /** Sends FIN once the bytes written so far are sent. */
    void shutdownOutput();

    /**
     * Closes the socket. {@code reset} sends RST (SO_LINGER 0) instead of FIN. In-flight operations
     * are cancelled; {@link SocketEvents#onClosed()} follows once none can touch a buffer.
     */
    void close(boolean reset);

    /** {@return the peer's address, or null when the system no longer reports it} */
    SocketAddress remoteAddress();

    /** {@return this end's address, or null when the system no longer reports it} */
    SocketAddress localAddress();

    /** {@return the peer's SO_PEERCRED on a Unix domain socket, null over TCP} */
    PeerCredentials peerCredentials();
}
