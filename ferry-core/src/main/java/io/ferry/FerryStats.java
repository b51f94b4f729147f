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
     * Buffers lent out (to handlers, queues or the kernel) on all loops together.
     *
     * @return the sum of each pool's buffers in use
     */
    public int buffersInUse() {
        return loops.stream().mapToInt(l -> l.pool().inUse()).sum();
    }
}
