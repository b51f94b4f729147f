package io.ferry.spi;

import io.ferry.buffer.Buf;
import java.io.IOException;

/**
 * What a backend reports about one socket, to the connection core above it. Loop thread only. The
 * order is: any number of {@link #onRead} and {@link #onWritten}, at most one {@link #onInputClosed},
 * at most one {@link #onFailure}, and last of all exactly one {@link #onClosed}.
 */
public interface SocketEvents {
    /** Received bytes; ownership passes to the connection. */
    void onRead(Buf data);

    /** The kernel took {@code bytes} from the head of {@link #outbound()}. */
    void onWritten(long bytes);

    /** The peer sent FIN. */
    void onInputClosed();

    /** The socket broke (reset, refused, ...): the connection drops its queue and closes the socket. */
    void onFailure(IOException error);

    /** Last event: no operation can touch this connection's buffers any more. */
    void onClosed();

    /** The queue the backend writes from; it releases what {@link #onWritten} reports as sent. */
    OutboundQueue outbound();

    /** Closes abortively (RST), dropping what is queued; for a backend that cannot go on with the socket. */
    void abort();
}
