package io.ferry.net;

import io.ferry.buffer.Buf;
import java.net.SocketTimeoutException;

/**
 * Callbacks for one connection, all on the connection's loop thread, never concurrently.
 *
 * <p>An exception thrown from a callback goes to the loop's error handler and aborts the
 * connection; the loop keeps running.
 */
public interface Handler {
    /**
     * The connection is established; writing here is allowed.
     *
     * @param connection the new connection
     */
    default void onOpen(Connection connection) {
    }

    /**
     * Bytes arrived. The handler owns {@code data} (its readable bytes are exactly what was received)
     * and must release it or hand it on, e.g. with {@link Connection#write}.
     *
     * @param connection the connection the bytes came from
     * @param data the received bytes, owned by the handler from now on
     */
    void onData(Connection connection, Buf data);

    /**
     * Pending writes fell below the low watermark after having crossed the high one.
     *
     * @param connection the connection that can take more writes
     */
    default void onWritable(Connection connection) {
    }

    /**
     * The peer shut down its sending side (FIN). The default closes the connection after flushing.
     *
     * @param connection the connection whose input ended
     */
    default void onInputClosed(Connection connection) {
        connection.close();
    }

    /**
     * A timeout of the connection's {@link SocketOptions} expired: it received nothing for
     * {@link SocketOptions#readTimeout()} while reading, or neither received nor sent for
     * {@link SocketOptions#idleTimeout()}. The default closes it in order (queued bytes are sent first); a
     * handler may answer first (HTTP's 408, say) and then close. {@link #onClose} gets {@code timeout} as its
     * cause. A connection still not closed one timeout later, a peer that does not take the last bytes, is
     * aborted; one the handler leaves open starts its clocks over.
     *
     * @param connection the quiet connection
     * @param timeout which timeout expired, how long it is and who the peer is, in its message
     */
    default void onTimeout(Connection connection, SocketTimeoutException timeout) {
        connection.close();
    }

    /**
     * The connection is closed and all its buffers are released; called exactly once.
     *
     * @param connection the closed connection
     * @param cause null for an orderly close, else what broke it (a reset, a failed callback)
     */
    default void onClose(Connection connection, Throwable cause) {
    }
}
