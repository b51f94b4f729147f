package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.IoUringConstants;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldProbeNopSupportedTest {
    // Purpose: IORING_REGISTER_PROBE reports NOP as supported and nothing past last_op.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldReportNop() throws Exception {
        try (IoUring ring = RingFixture.openRing(4)) {
            IoUringProbe probe = IoUringProbe.of(ring);
            assertTrue(probe.isSupported(IoUringConstants.IORING_OP_NOP));
            assertTrue(probe.lastOp() > IoUringConstants.IORING_OP_NOP);
            assertFalse(probe.isSupported(probe.lastOp() + 1));
            assertFalse(probe.isSupported(-1));
        }
    }
}
