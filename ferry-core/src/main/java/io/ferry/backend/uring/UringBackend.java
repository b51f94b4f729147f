package io.ferry.backend.uring;

import io.ferry.linux.uring.CompletionSource;
import io.ferry.backend.Availability;
import io.ferry.backend.UringReceiveStrategy;
import io.ferry.spi.Backend;
import io.ferry.backend.BackendKind;
import io.ferry.spi.FaultInjector;
import io.ferry.spi.IoDriver;
import io.ferry.spi.LoopContext;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * The completion backend on io_uring: multishot accept, receives as the configured
 * {@link UringReceiveStrategy} says (by default a multishot recv into a provided-buffer ring the loop owns),
 * gathered sends pinned until their completion.
 *
 * <p>Needs kernel 5.19+ (provided-buffer rings, multishot accept) and 6.0+ (multishot recv);
 * {@link #availability()} says why it cannot run where it cannot (sysctl, seccomp, old kernel).
 */
public final class UringBackend implements Backend {
    private final UnaryOperator<CompletionSource> completionFaults;
    private final FaultInjector faults;
    private final UringConfig config;

    /** The backend as it runs in production. */
    public UringBackend() {
        this(UringConfig.fromSystemProperties(), UnaryOperator.identity());
    }

    /**
     * A backend whose completions pass through {@code faults} first: the fault-injection seam tests
     * use to make rare kernel answers (-ENOBUFS, -EMFILE, a multishot ending) happen on demand.
     */
    public UringBackend(UringConfig config, UnaryOperator<CompletionSource> faults) {
        this(config, faults, null);
    }

    /**
     * A backend whose receives, sends, accepts and submissions fail before they reach the kernel as
     * {@code submissionFaults} says (null for none): the seeded fault schedule's seam.
     */
    public UringBackend(UringConfig config, UnaryOperator<CompletionSource> faults, FaultInjector submissionFaults) {
        this.config = config;
        this.completionFaults = faults;
        this.faults = submissionFaults;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.URING;
    }

    @Override
    public Availability availability() {
        return UringSupport.availability();
    }

    /**
     * Whether this kernel has what {@code strategy} needs (probed once per JVM).
     *
     * @param strategy a receive strategy
     * @return no, with the reason, when io_uring cannot run here or the kernel lacks the strategy
     */
    public static Availability receiveAvailability(UringReceiveStrategy strategy) {
        return UringSupport.receive(strategy);
    }

    @Override
    public IoDriver open(LoopContext loop) throws IOException {
        Availability a = availability();
        if (!a.available()) {
            throw new IOException("io_uring cannot run here: " + a.reason());
        }
        return new UringDriver(loop, config, completionFaults, faults);
    }

    @Override
    public String toString() {
        String buffers = switch (config.receive()) {
            case PROVIDED_RING, INCREMENTAL_RING -> ", " + config.recvBuffers() + " receive buffers per loop";
            case PER_CONNECTION, PROBE_THEN_READ -> "";
        };
        return "uring backend (completion model: " + config.sqEntries() + " SQ / " + config.cqEntries()
            + " CQ entries, receive " + config.receive() + buffers + ")";
    }
}
