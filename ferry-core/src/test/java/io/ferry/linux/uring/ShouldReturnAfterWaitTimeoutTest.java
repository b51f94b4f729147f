package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldReturnAfterWaitTimeoutTest {
    // Purpose: submitAndWait(n, timeout) on an idle ring returns -ETIME once the timeout passes.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldReturnEtimeAfterTimeout() throws Exception {
        try (IoUring ring = RingFixture.openRing(8)) {
            long start = System.nanoTime();
            int r = ring.submitAndWait(1, 50_000_000L);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000L;
            assertEquals(-Errno.ETIME, r);
            assertTrue(elapsedMillis >= 45 && elapsedMillis < 2_000, "waited " + elapsedMillis + " ms");
        }
    }
}
