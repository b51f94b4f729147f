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
    /**
     * Serves one connection, reading and writing until done.
     *
     * @param socket the accepted connection, closed when this method returns or throws
     * @throws Exception to end the connection; see the type's comment for where it is reported
     */
    void serve(FerrySocket socket) throws Exception;
}
