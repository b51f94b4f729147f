package io.ferry.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.FerryStats;
import io.ferry.LoopStats;
import io.ferry.loop.EventLoop;
import java.util.List;

/** What the server tests check on a runtime's loops: pool memory in use, open connections, quiescence. */
public final class LoopChecks {
    private static final long SETTLE_NANOS = 10_000_000_000L;

    private LoopChecks() {
    }

    /** Bytes of pool memory in use on all loops now (receive, cumulation and response buffers). */
    public static long bytesInUse(Ferry ferry) {
        long n = 0;
        for (EventLoop loop : ferry.loops().loops()) {
            n += loop.await(() -> loop.pool().stats().bytesInUse());
        }
        return n;
    }

    /** The loops' pool statistics, for failure messages. */
    public static String poolStats(Ferry ferry) {
        StringBuilder out = new StringBuilder();
        for (EventLoop loop : ferry.loops().loops()) {
            out.append(loop.name()).append(' ').append(loop.await(() -> loop.pool().stats()));
        }
        return out.toString();
    }

    /** Waits (bounded by {@code maxNanos}) until {@code n} connections are open on all loops together. */
    public static boolean awaitConnections(Ferry ferry, int n, long maxNanos) throws InterruptedException {
        long deadline = System.nanoTime() + maxNanos;
        while (System.nanoTime() - deadline < 0) {
            if (ferry.stats().openConnections() == n) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * Waits (bounded) for every connection to close and every buffer to come back, then asserts it,
     * and that no loop reported an error.
     */
    public static void assertQuiescent(Ferry ferry, List<Throwable> errors) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        FerryStats stats = ferry.stats();
        while ((stats.openConnections() > 0 || stats.buffersInUse() > 0) && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
            stats = ferry.stats();
        }
        for (LoopStats loop : stats.loops()) {
            assertEquals(0, loop.openConnections(), loop.loop() + " open connections");
            assertEquals(0, loop.pool().inUse(), loop.loop() + " buffers in use: " + loop.pool());
        }
        assertTrue(errors.isEmpty(), "errors reported on the loops: " + errors);
    }
}
