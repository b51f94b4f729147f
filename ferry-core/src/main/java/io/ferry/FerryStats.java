package io.ferry;

import java.util.List;

/**
 * A snapshot of a runtime: one {@link LoopStats} per loop, and totals. Taken by {@link Ferry#stats()};
 * immutable, any thread.
 *
 * @param loops one entry per loop, in loop order
 */
public record FerryStats(List<LoopStats> loops) {
    /** Copies {@code loops}. */
    public FerryStats {
        loops = List.copyOf(loops);
    }

    /**
     * Connections open on all loops together.
     *
     * @return the sum of {@link LoopStats#openConnections()}
     */
    public int openConnections() {
        return loops.stream().mapToInt(LoopStats::openConnections).sum();
    }

    /**
     * Files open on all loops together.
     *
     * @return the sum of {@link LoopStats#openFiles()}
     */
    public int openFiles() {
        return loops.stream().mapToInt(LoopStats::openFiles).sum();
    }

    /**
     * Connections all loops' listeners accepted.
     *
     * @return the sum of {@link LoopStats#accepted()}
     */
    public long accepted() {
        return sum(LoopStats::accepted);
    }

    /**
     * Connections closed on all loops.
     *
     * @return the sum of {@link LoopStats#closed()}
     */
    public long closed() {
        return sum(LoopStats::closed);
    }

    /**
     * Bytes received on all loops.
     *
     * @return the sum of {@link LoopStats#bytesIn()}
     */
    public long bytesIn() {
        return sum(LoopStats::bytesIn);
    }

    /**
     * Bytes sent on all loops.
     *
     * @return the sum of {@link LoopStats#bytesOut()}
     */
    public long bytesOut() {
        return sum(LoopStats::bytesOut);
    }

    /**
     * System calls that submitted or waited for I/O on all loops.
     *
     * @return the sum of {@link LoopStats#kernelEntries()}
     */
    public long kernelEntries() {
        return sum(LoopStats::kernelEntries);
    }

    /**
     * Completions or readiness events per wake-up over all loops.
     *
     * @return events over wake-ups, 0 before the first
     */
    public double eventsPerWakeup() {
        long wakeups = sum(LoopStats::wakeups);
        return wakeups == 0 ? 0 : (double) sum(LoopStats::events) / wakeups;
    }

    /**
     * Submission entries per submitting system call over all loops (io_uring).
     *
     * @return entries over submit calls, 0 when nothing was submitted
     */
    public double meanSubmitBatch() {
        long calls = sum(LoopStats::submitCalls);
        return calls == 0 ? 0 : (double) sum(LoopStats::submittedEntries) / calls;
    }

    /**
     * Bytes held in buffers by users on all loops.
     *
     * @return the sum of each pool's bytes in use
     */
    public long bytesInUse() {
        return loops.stream().mapToLong(l -> l.pool().bytesInUse()).sum();
    }

    private long sum(java.util.function.ToLongFunction<LoopStats> figure) {
        return loops.stream().mapToLong(figure).sum();
    }

    /**
     * Buffers lent out (to handlers, queues or the kernel) on all loops together.
     *
     * @return the sum of each pool's buffers in use
     */
    public int buffersInUse() {
        return loops.stream().mapToInt(l -> l.pool().inUse()).sum();
    }
}
