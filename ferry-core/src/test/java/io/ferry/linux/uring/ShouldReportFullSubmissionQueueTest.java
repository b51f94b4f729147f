package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.NativeIoException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldReportFullSubmissionQueueTest {
    // Purpose: nextSqe() returns -1 (no exception) when every SQE is claimed, and frees up after submit().
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldReturnMinusOneWhenFull() throws NativeIoException {
        try (IoUring ring = RingFixture.openRing(4)) {
            for (int i = 0; i < ring.sqEntries(); i++) {
                RingFixture.next(ring).prepNop().userData(i);
            }
            assertEquals(-1, ring.nextSqe());
            assertEquals(ring.sqEntries(), ring.submit());
            int slot = ring.nextSqe();
            assertTrue(slot >= 0);
            ring.sqe(slot).prepNop().userData(99);
            assertEquals(ring.sqEntries() + 1, RingFixture.await(ring, ring.sqEntries() + 1).size());
        }
    }
}
