/**
 * The Linux readiness backend on edge-triggered epoll, through the FFM syscall layer in
 * {@link io.ferry.linux}.
 *
 * <p>Model: every socket is registered once with {@code EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET} under
 * an {@link io.ferry.spi.OpTable} key ({@code slot | generation << 32}); an event whose key is stale is
 * dropped. Edge-triggered means an event is reported once per change, so a socket is read until the
 * kernel says EAGAIN (or the per-wake-up read budget is spent, and then a continuation is queued on the
 * loop, since no second event will come), and a write that did not finish waits for the next
 * {@code EPOLLOUT} edge. Reads land in the loop's {@link io.ferry.spi.SharedRecvBuffer}; writes gather
 * the outbound queue into a native iovec array. A wake-up from another thread writes the driver's
 * eventfd.
 *
 * <p>Threads: everything runs on the owning loop's thread except {@link io.ferry.spi.IoDriver#wakeup()}.
 */
package io.ferry.backend.epoll;
