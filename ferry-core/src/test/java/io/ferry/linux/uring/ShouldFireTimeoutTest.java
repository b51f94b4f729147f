package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import io.ferry.linux.KernelTimespec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldFireTimeoutTest {
    // Purpose: IORING_OP_TIMEOUT with count 0 completes with -ETIME after (not before) its duration.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldCompleteWithEtime() throws Exception {
        try (IoUring ring = RingFixture.openRing(8); Arena arena = Arena.ofConfined()) {
            MemorySegment ts = arena.allocate(KernelTimespec.LAYOUT);
            KernelTimespec.setNanos(ts, 0, 30_000_000L);
            long start = System.nanoTime();
            RingFixture.next(ring).prepTimeout(ts.address(), 0, 0).userData(5);
            RingFixture.Cqe cqe = RingFixture.awaitOne(ring);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000L;
            assertEquals(-Errno.ETIME, cqe.res());
            assertTrue(elapsedMillis >= 25, "fired after " + elapsedMillis + " ms");
        }
    }
}
