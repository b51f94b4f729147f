package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.IoUringConstants;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldRecoverFromCqOverflowTest {
    // Purpose: completions beyond the CQ size are kept (FEAT_NODROP), flagged, and flushed after draining.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldDeliverOverflowedCompletionsAfterDrain() throws Exception {
        try (IoUring ring = RingFixture.openRing(8, 8)) {
            Assumptions.assumeTrue(ring.hasFeature(IoUringConstants.IORING_FEAT_NODROP));
            int total = 3 * ring.cqEntries();
            for (int i = 0; i < total; i++) {
                int slot = ring.nextSqe();
                if (slot < 0) {
                    ring.submit();
                    slot = ring.nextSqe();
                }
                ring.sqe(slot).prepNop().userData(i);
            }
            int r = ring.submitAndWait(0);
            assertTrue(r >= 0, "submit: " + r);
            assertEquals(ring.cqEntries(), ring.cqReady());
            assertTrue(ring.cqOverflowPending(), "kernel should flag the backlog");

            BitSet seen = new BitSet();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (seen.cardinality() < total && System.nanoTime() < deadline) {
                ring.forEachCompletion((ud, res, flags) -> seen.set((int) ud), Integer.MAX_VALUE);
                ring.submitAndWait(0); // GETEVENTS flushes the overflow list into the drained space
            }
            assertEquals(total, seen.cardinality());
            assertFalse(ring.cqOverflowPending());
        }
    }
}
