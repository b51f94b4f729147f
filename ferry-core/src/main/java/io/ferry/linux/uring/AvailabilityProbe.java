package io.ferry.linux.uring;

import io.ferry.linux.Errno;
import io.ferry.linux.IoUringParams;
import io.ferry.linux.IoUringSyscalls;
import io.ferry.linux.LibC;
import io.ferry.linux.NativeAccess;
import io.ferry.linux.Seccomp;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/** Works out, once, whether io_uring can be used here; the result backs {@link IoUring#availability()}. */
final class AvailabilityProbe {
    private static final Path DISABLED_SYSCTL = Path.of("/proc/sys/kernel/io_uring_disabled");

    static final IoUringAvailability RESULT = probe();

    private AvailabilityProbe() {
    }

    static IoUringAvailability probe() {
        if (!NativeAccess.isEnabled()) {
            return IoUringAvailability.unavailable(NativeAccess.unavailableReason());
        }
        int disabled = readDisabledSysctl();
        if (disabled == 2) {
            return IoUringAvailability.unavailable("io_uring disabled by sysctl kernel.io_uring_disabled=2");
        }
        int fd;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(IoUringParams.LAYOUT);
            fd = IoUringSyscalls.setup(2, params.address());
        } catch (RuntimeException | LinkageError e) {
            return IoUringAvailability.unavailable("io_uring_setup could not be called: " + e);
        }
        if (fd >= 0) {
            LibC.close(fd);
            return IoUringAvailability.AVAILABLE;
        }
        return IoUringAvailability.unavailable(reason(-fd, disabled, Seccomp.filtered()));
    }

    /**
     * Why io_uring_setup failed, in one line. A seccomp filter is named only when the probing thread runs
     * under one: EPERM otherwise comes from the sysctl or a security module, ENOSYS from the kernel.
     */
    static String reason(int errno, int disabledSysctl, boolean seccompFiltered) {
        String prefix = "io_uring_setup failed: " + Errno.name(errno);
        String sysctl = "kernel.io_uring_disabled=1 and this process is not in kernel.io_uring_group";
        if (errno == Errno.EPERM) {
            if (seccompFiltered) {
                return prefix + " (" + Seccomp.FORBIDDEN + (disabledSysctl == 1 ? ", or " + sysctl : "") + ")";
            }
            return disabledSysctl == 1 ? prefix + " (" + sysctl + ")"
                : prefix + " (no seccomp filter and kernel.io_uring_disabled is not 1: "
                    + "a security module such as SELinux refused it)";
        }
        if (errno == Errno.ENOSYS) {
            return seccompFiltered ? prefix + " (" + Seccomp.FORBIDDEN + ", or a kernel without io_uring)"
                : prefix + " (kernel built without io_uring, or older than 5.1)";
        }
        return prefix + " (" + Errno.message(errno) + ")";
    }

    /** Returns kernel.io_uring_disabled (0, 1 or 2), or -1 when the sysctl does not exist (before 6.6). */
    static int readDisabledSysctl() {
        try {
            return Integer.parseInt(Files.readString(DISABLED_SYSCTL).trim());
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
    }
}
