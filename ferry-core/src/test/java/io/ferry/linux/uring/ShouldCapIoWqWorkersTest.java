package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.linux.Errno;
import io.ferry.linux.IoUringConstants;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldCapIoWqWorkersTest {
    // Purpose: IORING_REGISTER_IOWQ_MAX_WORKERS takes a cap and refuses a bad argument.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldAcceptCap() throws Exception {
        try (IoUring ring = RingFixture.openRing(8)) {
            assertEquals(0, ring.registerIowqMaxWorkers(4, 0));
            assertEquals(0, ring.registerIowqMaxWorkers(0, 0), "0, 0 only reads the limits back");
            assertEquals(-Errno.EINVAL, ring.register(IoUringConstants.IORING_REGISTER_IOWQ_MAX_WORKERS, 0L, 3),
                "the argument is exactly two counts");
        }
    }
}
