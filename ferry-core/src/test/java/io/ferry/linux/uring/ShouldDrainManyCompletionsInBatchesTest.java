package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldDrainManyCompletionsInBatchesTest {
    // Purpose: more completions than the SQ holds drain in limited batches, each user_data exactly once.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldDeliverEveryCompletionOnceWithinTheLimit() throws Exception {
        int total = 200;
        int limit = 16;
        try (IoUring ring = RingFixture.openRing(32, 256)) {
            for (int i = 0; i < total; i++) {
                int slot = ring.nextSqe();
                if (slot < 0) {
                    assertTrue(ring.submit() > 0);
                    slot = ring.nextSqe();
                }
                ring.sqe(slot).prepNop().userData(i);
            }
            BitSet seen = new BitSet();
            int[] count = {0};
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (count[0] < total && System.nanoTime() < deadline) {
                ring.submitAndWait(1, 100_000_000L);
                int n = ring.forEachCompletion((ud, res, flags) -> {
                    assertTrue(!seen.get((int) ud), "duplicate " + ud);
                    seen.set((int) ud);
                    count[0]++;
                }, limit);
                assertTrue(n <= limit);
            }
            assertEquals(total, seen.cardinality());
            assertEquals(0, ring.cqReady());
        }
    }
}
