package io.ferry;

import io.ferry.buffer.PoolStats;

/**
 * A snapshot of one event loop, taken on its own thread (so the figures are consistent with each
 * other), from {@link Ferry#stats()}. Counts are cumulative since the loop started; subtract two
 * snapshots for rates.
 *
 * @param loop             the loop's name, e.g. {@code ferry-uring-0}
 * @param openConnections  connections open on this loop now
 * @param openFiles        files open on this loop now
 * @param opsInFlight      operations submitted to the kernel and not completed (0 on idle readiness loops)
 * @param timers           timers waiting to fire
 * @param queuedTasks      tasks other threads queued that the loop has not run yet
 * @param accepted         connections this loop's listeners accepted
 * @param opened           connections opened on this loop: accepted ones and outgoing ones
 * @param closed           connections closed
 * @param bytesIn          bytes received by this loop's connections
 * @param bytesOut         bytes this loop's connections sent (taken by the kernel)
 * @param kernelEntries    system calls that submitted or waited for I/O: {@code io_uring_enter},
 *                         {@code epoll_wait} or {@code Selector.select}; on io_uring with
 *                         {@code PROBE_THEN_READ} also the non-blocking {@code recv} after each probe
 * @param wakeups          turns of the loop that asked the backend for events
 * @param events           completions (io_uring) or readiness events (epoll, nio) those turns dispatched
 * @param submitCalls      kernel entries that carried submissions (io_uring; 0 on readiness backends)
 * @param submittedEntries submission queue entries handed to the kernel (io_uring; 0 on readiness backends)
 * @param pool             this loop's buffer pool: buffers and bytes in use
 */
public record LoopStats(String loop, int openConnections, int openFiles, int opsInFlight, int timers, int queuedTasks,
                        long accepted, long opened, long closed, long bytesIn, long bytesOut,
                        long kernelEntries, long wakeups, long events, long submitCalls, long submittedEntries,
                        PoolStats pool) {

    /**
     * How much work one wake-up found: the batching the model gives under this load.
     *
     * @return events per wake-up, 0 before the first
     */
    public double eventsPerWakeup() {
        return wakeups == 0 ? 0 : (double) events / wakeups;
    }

    /**
     * How many operations one submitting system call carried (io_uring).
     *
     * @return entries per submit call, 0 when nothing was submitted
     */
    public double meanSubmitBatch() {
        return submitCalls == 0 ? 0 : (double) submittedEntries / submitCalls;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
            "%s: connections %d open (%d accepted, %d opened, %d closed), files %d, bytes in %d out %d, "
                + "kernel entries %d, wake-ups %d (%.2f events each), submits %d (%.2f entries each), "
                + "in flight %d, timers %d, queued tasks %d, buffers in use %d (%d bytes)",
            loop, openConnections, accepted, opened, closed, openFiles, bytesIn, bytesOut, kernelEntries, wakeups,
            eventsPerWakeup(), submitCalls, meanSubmitBatch(), opsInFlight, timers, queuedTasks, pool.inUse(),
            pool.bytesInUse());
    }
}
