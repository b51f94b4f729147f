package io.ferry.net;

/** Makes the {@link Handler} for each accepted connection, on that connection's loop thread. */
@FunctionalInterface
public interface HandlerFactory {
    /**
     * Makes the handler of a freshly accepted connection; {@link Handler#onOpen} follows.
     *
     * @param connection the accepted connection
     * @return its handler, called for that connection only
     */
    Handler newHandler(Connection connection);
}
