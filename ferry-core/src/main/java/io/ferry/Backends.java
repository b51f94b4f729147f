package io.ferry;

import io.ferry.diagnostics.BackendSelectedEvent;
import io.ferry.backend.Availability;
import io.ferry.spi.Backend;
import io.ferry.backend.BackendKind;
import io.ferry.backend.UringReceiveStrategy;
import io.ferry.backend.nio.NioBackend;
import io.ferry.backend.epoll.EpollBackend;
import io.ferry.backend.uring.UringBackend;
import io.ferry.backend.uring.UringConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Picks the backend once, at start-up: io_uring, then epoll, then java.nio, skipping any that
 * cannot run here, and logs one line saying which one runs and why better ones were skipped.
 * {@code -Dferry.backend=uring|epoll|nio} overrides {@link BackendKind#AUTO}.
 */
public final class Backends {
    private static final System.Logger LOG = System.getLogger("io.ferry.backend");

    private Backends() {
    }

    /**
     * Whether {@code kind} can run here, and if not, why (probed once per JVM).
     *
     * @param kind a concrete backend, or AUTO for the one {@link #resolve} picks
     * @return the verdict with a one-line reason a person can act on
     */
    public static Availability availability(BackendKind kind) {
        if (kind == BackendKind.AUTO) {
            try {
                return availability(resolve(kind));
            } catch (UnsupportedOperationException none) {
                return Availability.no(none.getMessage());
            }
        }
        return of(kind, null).availability();
    }

    /**
     * Whether the io_uring backend can receive with {@code strategy} here, and if not, why (probed once per JVM).
     *
     * @param strategy an io_uring receive strategy
     * @return no when io_uring cannot run here at all, or this kernel lacks what the strategy needs
     */
    public static Availability uringReceiveAvailability(UringReceiveStrategy strategy) {
        return UringBackend.receiveAvailability(strategy);
    }

    /**
     * The backends that can run here, best first.
     *
     * @return for example {@code [URING, EPOLL, NIO]} on a recent Linux kernel
     */
    public static List<BackendKind> available() {
        return all().stream().filter(b -> b.availability().available()).map(Backend::kind).toList();
    }

    /**
     * The backend {@code Ferry.builder().backend(requested).build()} would run, without starting it.
     *
     * @param requested a concrete backend, or AUTO (which honours {@code -Dferry.backend})
     * @return a concrete kind
     * @throws UnsupportedOperationException when a forced backend cannot run, or none can; the message says why
     */
    public static BackendKind resolve(BackendKind requested) {
        return select(requested, null).kind();
    }

    /** A fresh instance of one backend, whether or not it can run here; {@code uring} null for the defaults. */
    static Backend of(BackendKind kind, UringConfig uring) {
        return switch (kind) {
            case URING -> uring == null ? new UringBackend() : new UringBackend(uring, UnaryOperator.identity());
            case EPOLL -> new EpollBackend();
            case NIO -> new NioBackend();
            case AUTO -> select(BackendKind.AUTO, uring);
        };
    }

    /** Every concrete backend, best first. */
    static List<Backend> all() {
        return List.of(new UringBackend(), new EpollBackend(), new NioBackend());
    }

    /**
     * The backend to run: {@code requested} itself if it can run here, or for AUTO (after the
     * {@code ferry.backend} system property) the first of uring, epoll, nio that can.
     *
     * @throws UnsupportedOperationException when a forced backend cannot run, or none can; the message says why
     */
    static Backend select(BackendKind requested, UringConfig uring) {
        BackendKind kind = requested;
        String forced = System.getProperty("ferry.backend");
        if (kind == BackendKind.AUTO && forced != null && !forced.isBlank()) {
            kind = BackendKind.parse(forced);
        }
        if (kind != BackendKind.AUTO) {
            Backend b = of(kind, uring);
            Availability a = b.availability();
            if (!a.available()) {
                throw new UnsupportedOperationException("backend " + kind.label() + " cannot run here: " + a.reason());
            }
            LOG.log(System.Logger.Level.DEBUG, "backend " + kind.label() + " (requested): " + a.reason());
            BackendSelectedEvent.emit(kind.label(), kind.label(), a.reason());
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
                BackendSelectedEvent.emit(BackendKind.AUTO.label(), b.kind().label(), a.reason() + why);
                return b.kind() == BackendKind.URING && uring != null ? of(BackendKind.URING, uring) : b;
            }
            skipped.add(b.kind().label() + " (" + a.reason() + ")");
        }
        throw new UnsupportedOperationException("no backend can run here: " + String.join("; ", skipped));
    }
}
