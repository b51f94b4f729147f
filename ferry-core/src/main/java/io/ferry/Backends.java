package io.ferry;

import io.ferry.backend.Availability;
import io.ferry.backend.Backend;
import io.ferry.backend.BackendKind;
import io.ferry.backend.nio.NioBackend;
import io.ferry.linux.epoll.EpollBackend;
import io.ferry.linux.uring.UringBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the backend once, at start-up: io_uring, then epoll, then java.nio, skipping any that
 * cannot run here, and logs one line saying which one runs and why better ones were skipped.
 * {@code -Dferry.backend=uring|epoll|nio} overrides {@link BackendKind#AUTO}.
 */
public final class Backends {
    private static final System.Logger LOG = System.getLogger("io.ferry.backend");

    private Backends() {
    }

    /** A fresh instance of one backend, whether or not it can run here. */
    public static Backend of(BackendKind kind) {
        return switch (kind) {
            case URING -> new UringBackend();
            case EPOLL -> new EpollBackend();
            case NIO -> new NioBackend();
            case AUTO -> select(BackendKind.AUTO);
        };
    }

    /** Every concrete backend, best first. */
    public static List<Backend> all() {
        return List.of(new UringBackend(), new EpollBackend(), new NioBackend());
    }

    /**
     * The backend to run: {@code requested} itself if it can run here, or for AUTO (after the
     * {@code ferry.backend} system property) the first of uring, epoll, nio that can.
     *
     * @throws UnsupportedOperationException when a forced backend cannot run; the message says why
     */
    public static Backend select(BackendKind requested) {
        BackendKind kind = requested;
        String forced = System.getProperty("ferry.backend");
        if (kind == BackendKind.AUTO && forced != null && !forced.isBlank()) {
            kind = BackendKind.parse(forced);
        }
        if (kind != BackendKind.AUTO) {
            Backend b = of(kind);
            Availability a = b.availability();
            if (!a.available()) {
                throw new UnsupportedOperationException("backend " + kind.label() + " cannot run here: " + a.reason());
            }
            LOG.log(System.Logger.Level.DEBUG, "backend " + kind.label() + " (requested): " + a.reason());
            return b;
        }
        List<String> skipped = new ArrayList<>();
        for (Backend b : all()) {
            Availability a = b.availability();
            if (a.available()) {
                // The best backend is the normal case (DEBUG); falling back to a lesser one is a degraded mode.
                System.Logger.Level level = skipped.isEmpty() ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
                String why = skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped);
                LOG.log(level, "backend " + b.kind().label() + ": " + a.reason() + why);
                return b;
            }
            skipped.add(b.kind().label() + " (" + a.reason() + ")");
        }
        throw new IllegalStateException("no backend can run: " + skipped);
    }
}
