package io.ferry.servers.resp;

/**
 * Redis's {@code client-output-buffer-limit} for normal clients: replies queued for one client and not yet
 * taken by its peer. Past {@code hard} bytes the client is disconnected at once; over {@code soft} bytes for
 * {@code softSeconds} it is disconnected too. Zero turns a limit off, as in Redis.
 *
 * <p>Threads: any; immutable.
 *
 * @param hard        bytes past which the client is disconnected at once; 0 for no limit
 * @param soft        bytes the client may stay over for at most {@code softSeconds}; 0 for no limit
 * @param softSeconds how long the client may stay over {@code soft}
 */
record OutputLimits(long hard, long soft, long softSeconds) {
    /** The server's defaults, {@link RespServer#DEFAULT_OUTPUT_HARD_LIMIT} and the soft ones. */
    static final OutputLimits DEFAULT = new OutputLimits(RespServer.DEFAULT_OUTPUT_HARD_LIMIT,
        RespServer.DEFAULT_OUTPUT_SOFT_LIMIT, RespServer.DEFAULT_OUTPUT_SOFT_SECONDS);

    OutputLimits {
        if (hard < 0 || soft < 0 || softSeconds < 0) {
            throw new IllegalArgumentException("output buffer limits must not be negative: hard " + hard + ", soft "
                + soft + ", soft seconds " + softSeconds);
        }
    }

    /** {@return whether {@code queued} bytes are past the hard limit} */
    boolean pastHard(long queued) {
        return hard > 0 && queued > hard;
    }

    /** {@return whether {@code queued} bytes are over the soft limit} */
    boolean overSoft(long queued) {
        return soft > 0 && queued > soft;
    }

    /** {@return the value CONFIG GET client-output-buffer-limit gives, Redis's format for the normal class} */
    String configValue() {
        return "normal " + hard + " " + soft + " " + softSeconds;
    }
}
