package io.ferry.linux.uring;

import static io.ferry.linux.IoUringConstants.IORING_CQE_F_MORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ferry.linux.Errno;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldFailWithNoBuffersWhenRingEmptyTest {
    // Purpose: a multishot recv against an empty buffer ring ends with -ENOBUFS (and no F_MORE), not a hang.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldCompleteWithEnobufs() throws Exception {
        int[] pair = RingFixture.socketPair();
        try (IoUring ring = RingFixture.openRing(8); ProvidedBufferRing pbr = ring.registerBufferRing(3, 4)) {
            RingFixture.write(pair[1], "data waiting");
            RingFixture.next(ring).prepRecvMultishot(pair[0], pbr.groupId(), 0).userData(5);
            RingFixture.Cqe cqe = RingFixture.awaitOne(ring);
            assertEquals(-Errno.ENOBUFS, cqe.res());
            assertFalse(cqe.has(IORING_CQE_F_MORE));
        } finally {
            RingFixture.closeAll(pair);
        }
    }
}
