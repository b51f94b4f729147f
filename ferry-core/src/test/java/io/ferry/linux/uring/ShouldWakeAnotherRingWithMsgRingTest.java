package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.linux.IoUringConstants;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldWakeAnotherRingWithMsgRingTest {
    // Purpose: MSG_RING posts a CQE with the chosen res and user_data on the target ring.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldPostCqeOnTargetRing() throws Exception {
        try (IoUring sender = RingFixture.openRing(8); IoUring target = RingFixture.openRing(8)) {
            Assumptions.assumeTrue(IoUringProbe.of(sender).isSupported(IoUringConstants.IORING_OP_MSG_RING));
            RingFixture.next(sender).prepMsgRing(target.ringFd(), 123, 0xABCDL, 0).userData(9);
            RingFixture.Cqe sent = RingFixture.awaitOne(sender);
            assertEquals(9, sent.userData());
            assertEquals(0, sent.res());
            RingFixture.Cqe woken = RingFixture.awaitOne(target);
            assertEquals(0xABCDL, woken.userData());
            assertEquals(123, woken.res());
        }
    }
}
