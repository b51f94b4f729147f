package io.ferry.backend.epoll;

/**
 * Counters of one {@link EpollDriver}, for tests and operators. A snapshot; taken on the loop thread.
 *
 * @param events     readiness events dispatched to sockets and listeners
 * @param staleKeys  events whose key named a released {@link io.ferry.spi.OpTable} slot (ignored)
 * @param wakeups    times the wake-up eventfd was found signalled
 * @param coalesced  readiness events folded into an earlier, not yet serviced one (for example while
 *                   reading was paused): each read pass reports how many events it answers beyond the first
 * @param sockets    connections registered with epoll right now (listeners excluded)
 */
public record EpollStats(long events, long staleKeys, long wakeups, long coalesced, int sockets) {
}
