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

    /**
     * Parses a backend name as the CLI and {@code -Dferry.backend} take it.
     *
     * @param name {@code auto}, {@code uring} (or {@code io_uring}), {@code epoll} or {@code nio}, in any case
     * @return the kind
     * @throws IllegalArgumentException for any other name; the message lists the valid ones
     */
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

    /**
     * The name printed in logs and taken by the CLI.
     *
     * @return {@code auto}, {@code uring}, {@code epoll} or {@code nio}
     */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
