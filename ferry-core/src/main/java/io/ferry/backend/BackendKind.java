package io.ferry.backend;

/** Which backend runs the loops. */
public enum BackendKind {
    /** The best that works here: io_uring, then epoll, then java.nio. */
    AUTO,
    /** Completion model on Linux io_uring. */
    URING,
    /** Readiness model on Linux epoll (edge-triggered). */
    EPOLL,
    /** Readiness model on java.nio Selector: every platform. */
    NIO;

    /** Parses {@code auto|uring|io_uring|epoll|nio}, ignoring case. */
    public static BackendKind parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> AUTO;
            case "uring", "io_uring", "iouring" -> URING;
            case "epoll" -> EPOLL;
            case "nio" -> NIO;
            default -> throw new IllegalArgumentException(
                "unknown backend '" + name + "': use auto, uring, epoll or nio");
        };
    }

    /**
     * The backends themselves, best first: what AUTO tries, in order.
     *
     * @return {@code [URING, EPOLL, NIO]}
     */
    public static java.util.List<BackendKind> concrete() {
        return java.util.List.of(URING, EPOLL, NIO);
    }

    /** Lower-case name as printed in logs and the CLI. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
