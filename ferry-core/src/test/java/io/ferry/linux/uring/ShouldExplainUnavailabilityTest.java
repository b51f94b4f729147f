package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import io.ferry.linux.Seccomp;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldExplainUnavailabilityTest {
    // Purpose: io_uring_setup failures turn into one precise human-readable reason, naming a seccomp filter
    // only when the probing thread runs under one.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldNameTheCause() {
        assertEquals("io_uring_setup failed: EPERM (" + Seccomp.FORBIDDEN + ")",
            AvailabilityProbe.reason(Errno.EPERM, 0, true));
        assertEquals("io_uring_setup failed: EPERM (kernel.io_uring_disabled=1 and this process is not in "
            + "kernel.io_uring_group)", AvailabilityProbe.reason(Errno.EPERM, 1, false));
        assertEquals("io_uring_setup failed: EPERM (" + Seccomp.FORBIDDEN + ", or kernel.io_uring_disabled=1 and "
            + "this process is not in kernel.io_uring_group)", AvailabilityProbe.reason(Errno.EPERM, 1, true));
        assertEquals("io_uring_setup failed: EPERM (no seccomp filter and kernel.io_uring_disabled is not 1: "
            + "a security module such as SELinux refused it)", AvailabilityProbe.reason(Errno.EPERM, -1, false));
        assertEquals("io_uring_setup failed: ENOSYS (kernel built without io_uring, or older than 5.1)",
            AvailabilityProbe.reason(Errno.ENOSYS, -1, false));
        assertEquals("io_uring_setup failed: ENOSYS (" + Seccomp.FORBIDDEN + ", or a kernel without io_uring)",
            AvailabilityProbe.reason(Errno.ENOSYS, 0, true));
        assertEquals("io_uring_setup failed: ENOMEM (Cannot allocate memory)",
            AvailabilityProbe.reason(Errno.ENOMEM, 0, true));
        IoUringAvailability a = IoUring.availability();
        if (a.isAvailable()) {
            assertNull(a.reason());
        } else {
            assertTrue(a.reason().contains("io_uring"), a.reason());
        }
    }
}
