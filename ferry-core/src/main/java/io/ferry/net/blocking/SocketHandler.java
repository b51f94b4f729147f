package io.ferry.net.blocking;

/**
 * What a {@link FerryServer} runs for each accepted connection, on that connection's own virtual
 * thread. The socket is closed when this returns or throws.
 *
 * <p>An {@link java.io.IOException} escaping it (reset, timeout, closed socket) just ends the
 * connection; anything else also goes to the loop's error handler.
 */
@FunctionalInterface
public interface SocketHandler {
    void serve(FerrySocket socket) throws Exception;
}
