package io.ferry.backend;

/**
 * Whether a backend can run on this machine, and if not, why (one line a person can act on).
 *
 * @param available true when the backend can run
 * @param reason    why it cannot, or a short description of what was found when it can
 */
public record Availability(boolean available, String reason) {
    /**
     * A backend that can run.
     *
     * @param detail what was found, e.g. the io_uring features
     * @return the verdict
     */
    public static Availability yes(String detail) {
        return new Availability(true, detail);
    }

    /**
     * A backend that cannot run.
     *
     * @param reason why, in words a person can act on (which sysctl, which kernel, which flag)
     * @return the verdict
     */
    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
