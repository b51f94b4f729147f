package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A view that becomes garbage without release() is reported by the leak detector; a released one is not.
@Timeout(30)
class LeakDetectionTest {
    private static final long DEADLINE_NANOS = 10_000_000_000L;

    /** Acquires and drops a view, so no frame of the caller keeps it reachable. */
    private static void leakOne(BufferPool pool) {
        pool.acquire().writeAscii("leaked");
    }

    private static long awaitLeaksAbove(long count) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        long now = LeakDetector.leaksReported();
        while (now <= count && System.nanoTime() - deadline < 0) {
            System.gc();
            Thread.sleep(20);
            now = LeakDetector.leaksReported();
        }
        return now;
    }

    @Test
    void shouldReportViewDroppedWithoutRelease() throws InterruptedException {
        assumeTrue(LeakDetector.ENABLED, "needs -Dferry.leakDetection=true");
        try (BufferPool pool = TestPools.small()) {
            long before = LeakDetector.leaksReported();
            leakOne(pool);
            long after = awaitLeaksAbove(before);
            assertTrue(after > before, "no leak reported within 10 s (before " + before + ", after " + after + ")");
        }
    }

    @Test
    void shouldNotReportReleasedViews() throws InterruptedException {
        assumeTrue(LeakDetector.ENABLED, "needs -Dferry.leakDetection=true");
        try (BufferPool pool = TestPools.small()) {
            long before = LeakDetector.leaksReported();
            for (int i = 0; i < 100; i++) {
                Buf b = pool.acquire();
                b.slice(0, 8).release();
                b.release();
            }
            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(before, LeakDetector.leaksReported());
        }
    }
}
