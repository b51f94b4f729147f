package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldEnterThroughRegisteredRingFdTest {
    // Purpose: after IORING_REGISTER_RING_FDS, submit and wait still work through the registered index.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldRoundTripNopAfterRegistering() throws Exception {
        try (IoUring ring = RingFixture.openRing(8)) {
            int r = ring.registerRingFd();
            Assumptions.assumeTrue(r == 0, () -> "IORING_REGISTER_RING_FDS: " + Errno.name(r));
            assertTrue(ring.ringFdRegistered());
            RingFixture.next(ring).prepNop().userData(77);
            assertEquals(77, RingFixture.awaitOne(ring).userData());
            assertEquals(-Errno.ETIME, ring.submitAndWait(1, 10_000_000L));
        }
    }
}
