package io.ferry.net;

/** Makes the {@link Handler} for each accepted connection, on that connection's loop thread. */
@FunctionalInterface
public interface HandlerFactory {
    Handler newHandler(Connection connection);
}
