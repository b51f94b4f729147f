package io.ferry.linux.uring;

/**
 * Whether io_uring can be used in this process, and if not, why, in one human-readable line.
 *
 * @param isAvailable true when a ring could be set up
 * @param reason null when available, else e.g. "io_uring disabled by sysctl kernel.io_uring_disabled=2"
 */
public record IoUringAvailability(boolean isAvailable, String reason) {
    /** The available result. */
    public static final IoUringAvailability AVAILABLE = new IoUringAvailability(true, null);

    /** Returns an unavailable result with the given reason. */
    public static IoUringAvailability unavailable(String reason) {
        return new IoUringAvailability(false, reason);
    }

    @Override
    public String toString() {
        return isAvailable ? "io_uring available" : "io_uring unavailable: " + reason;
    }
}
