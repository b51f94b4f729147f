package io.ferry.backend.uring;

import io.ferry.linux.uring.CompletionVisitor;
import io.ferry.linux.uring.IoUring;
import io.ferry.linux.uring.RingFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldDeliverEachCompletionOnceWhenDrainedReentrantlyTest {
    // Purpose: a completion handler that drains the ring again (the driver does, when a submission inside a
    // handler answers -EBUSY) gets every later CQE once, and the outer drain neither repeats them nor moves
    // the CQ head backwards (issue 12, defect 5).
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldDeliverEveryCompletionExactlyOnce() throws Exception {
        int total = 20;
        try (IoUring ring = RingFixture.openRing(32, 64)) {
            for (int i = 0; i < total; i++) {
                ring.sqe(ring.nextSqe()).prepNop().userData(i);
            }
            ring.submitAndWait(total);
            int[] seen = new int[total];
            CompletionVisitor[] visitor = new CompletionVisitor[1];
            visitor[0] = (ud, res, flags) -> {
                seen[(int) ud]++;
                if (ud == 2) {
                    ring.forEachCompletion(visitor[0], 5); // re-entrant, as UringDriver.submitNow's drain is
                }
            };
            int outer = ring.forEachCompletion(visitor[0], 64);
            for (int i = 0; i < total; i++) {
                assertEquals(1, seen[i], "completion " + i + " delivered " + seen[i] + " times");
            }
            assertEquals(0, ring.cqReady(), "the CQ head is past every completion");
            assertEquals(total - 5, outer, "the outer drain counts only what it delivered itself");
        }
    }
}
