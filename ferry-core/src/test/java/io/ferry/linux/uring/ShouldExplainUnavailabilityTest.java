package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldExplainUnavailabilityTest {
    // Purpose: io_uring_setup failures turn into one precise human-readable reason.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldNameTheCause() {
        assertEquals("io_uring_setup failed: EPERM (blocked by seccomp or kernel.io_uring_disabled=1 for this group)",
            AvailabilityProbe.reason(Errno.EPERM, 0));
        assertEquals("io_uring_setup failed: ENOSYS (kernel too old or syscall filtered)",
            AvailabilityProbe.reason(Errno.ENOSYS, -1));
        assertTrue(AvailabilityProbe.reason(Errno.EPERM, 1).contains("kernel.io_uring_group"));
        assertEquals("io_uring_setup failed: ENOMEM (Cannot allocate memory)",
            AvailabilityProbe.reason(Errno.ENOMEM, 0));
        IoUringAvailability a = IoUring.availability();
        if (a.isAvailable()) {
            assertNull(a.reason());
        } else {
            assertTrue(a.reason().contains("io_uring"), a.reason());
        }
    }
}
