package io.ferry;

import io.ferry.backend.BackendKind;
import io.ferry.backend.epoll.EpollBackend;
import io.ferry.backend.nio.NioBackend;
import io.ferry.backend.uring.UringBackend;
import io.ferry.backend.uring.UringConfig;
import io.ferry.spi.Backend;
import io.ferry.spi.FaultInjector;
import java.util.List;
import java.util.function.UnaryOperator;

/** White-box tests' way to the backend instances the public API keeps to itself. */
public final class TestBackends {
    private TestBackends() {
    }

    /** A fresh instance of {@code kind} with default settings, whether or not it runs here. */
    public static Backend of(BackendKind kind) {
        return Backends.of(kind, null);
    }

    /** Every concrete backend, best first. */
    public static List<Backend> all() {
        return Backends.all();
    }

    /** A builder that runs {@code backend} itself (a fault-injecting one, say). */
    public static Ferry.Builder builder(Backend backend) {
        return with(Ferry.builder(), backend);
    }

    /** {@code builder}, set to run {@code backend} itself. */
    public static Ferry.Builder with(Ferry.Builder builder, Backend backend) {
        return builder.backend(backend);
    }

    /** A fresh instance of the concrete {@code kind} whose system calls fail as {@code faults} says. */
    public static Backend faulty(BackendKind kind, FaultInjector faults) {
        return switch (kind) {
            case URING -> new UringBackend(UringConfig.fromSystemProperties(), UnaryOperator.identity(), faults);
            case EPOLL -> new EpollBackend(faults);
            case NIO -> new NioBackend(faults);
            case AUTO -> throw new IllegalArgumentException("a concrete backend, not AUTO");
        };
    }
}
