/**
 * The event loop: one thread, one backend driver, one buffer pool, a bounded task queue and timers.
 *
 * <p>An iteration runs queued tasks, fires due timers, then makes exactly one blocking call into the
 * backend ({@code io_uring_enter}, {@code epoll_wait} or {@code Selector.select}) that submits
 * pending work, waits, and dispatches every event. The loop sleeps only there. Other threads hand
 * work over with {@link io.ferry.loop.EventLoop#execute}, which wakes the loop only if it sleeps.
 */
package io.ferry.loop;
