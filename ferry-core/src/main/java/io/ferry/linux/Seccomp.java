package io.ferry.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether the calling thread runs under a seccomp filter, so that a refused system call can be blamed on
 * it by name. Containers are the usual case: Docker's default profile makes {@code io_uring_setup} fail
 * with EPERM. The mode comes from the {@code Seccomp} field of {@code /proc/thread-self/status}
 * (0 none, 1 strict, 2 filter).
 *
 * <p>Thread safety: stateless; any thread. The answer is about the calling thread, since filters are
 * per thread (though a filtered thread's later threads inherit its filter).
 */
public final class Seccomp {
    /** Why a call failed when a seccomp filter refused it; callers put it after the errno name. */
    public static final String FORBIDDEN = "forbidden by a seccomp filter, as in a container's default profile";
    /** The {@code Seccomp} status value of a thread under a filter (SECCOMP_MODE_FILTER). */
    static final int MODE_FILTER = 2;
    private static final Path STATUS = Path.of("/proc/thread-self/status");

    private Seccomp() {
    }

    /**
     * Whether the calling thread runs under a seccomp filter.
     *
     * @return false also when the mode cannot be read (no /proc, or a kernel without seccomp)
     */
    public static boolean filtered() {
        try {
            return mode(Files.readAllLines(STATUS)) == MODE_FILTER;
        } catch (IOException | SecurityException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * The explanation to append to a failed call's errno name: {@code " (}{@link #FORBIDDEN}{@code )"} when
     * the errno is one a filter returns (EPERM, or ENOSYS from newer profiles) and this thread runs under a
     * filter, else nothing.
     *
     * @param errno the positive errno the call failed with
     * @return the parenthesised reason with a leading space, or the empty string
     */
    public static String blame(int errno) {
        return (errno == Errno.EPERM || errno == Errno.ENOSYS) && filtered() ? " (" + FORBIDDEN + ")" : "";
    }

    /**
     * The {@code Seccomp} value among {@code statusLines} of a proc status file, or -1 when absent.
     *
     * @throws NumberFormatException when the field holds something other than a number
     */
    static int mode(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("Seccomp:")) {
                return Integer.parseInt(line.substring("Seccomp:".length()).strip());
            }
        }
        return -1;
    }
}
