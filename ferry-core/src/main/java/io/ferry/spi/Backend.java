package io.ferry.spi;

import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;

import java.io.IOException;

/**
 * One I/O model (io_uring, epoll, java.nio). Stateless apart from what it probed; all per-loop state
 * lives in the {@link IoDriver}s it opens.
 */
public interface Backend {
    BackendKind kind();

    /** Whether this backend runs here; probed once and cached. */
    Availability availability();

    /**
     * Opens this backend's half of {@code loop}. Called once, on the loop's own thread (io_uring
     * rings set up for a single issuer must be created by the thread that submits).
     */
    IoDriver open(LoopContext loop) throws IOException;

    /** True when several loops may listen on one port (SO_REUSEPORT); else only the first loop listens. */
    default boolean listensOnEveryLoop() {
        return true;
    }
}
