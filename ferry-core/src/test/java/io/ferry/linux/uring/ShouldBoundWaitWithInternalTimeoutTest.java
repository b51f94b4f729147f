package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldBoundWaitWithInternalTimeoutTest {
    // Purpose: without EXT_ARG the wait is bounded by an internal TIMEOUT SQE whose CQE is never delivered.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldWaitThenHideInternalTimeout() throws Exception {
        try (IoUring ring = RingFixture.openRing(8)) {
            ring.forceTimeoutFallback();
            long start = System.nanoTime();
            int r = ring.submitAndWait(1, 50_000_000L);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000L;
            assertEquals(0, r);
            assertTrue(elapsedMillis >= 45 && elapsedMillis < 2_000, "waited " + elapsedMillis + " ms");
            assertEquals(0, ring.forEachCompletion((ud, res, flags) -> { }, 16));
            assertEquals(0, ring.cqReady());
        }
    }
}
