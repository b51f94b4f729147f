package io.ferry.backend.epoll;

/**
 * Something registered with the driver's epoll instance under an {@link io.ferry.spi.OpTable} key: a
 * listening socket or a connection. Loop thread only.
 */
interface EpollChannel {
    /** The kernel reported {@code events} (an {@code EPOLL*} mask) for this channel's descriptor. */
    void ready(int events);

    /** The loop is shutting down: close at once (connections reset). */
    void abort();
}
