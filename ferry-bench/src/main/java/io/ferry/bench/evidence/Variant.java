package io.ferry.bench.evidence;

import io.ferry.Backends;
import io.ferry.Ferry;
import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;
import io.ferry.backend.UringReceiveStrategy;
import java.io.IOException;
import java.util.List;

/**
 * One configuration the evidence run measures: a backend and, where the backend has a choice, its
 * settings (for example an io_uring receive strategy). {@link #ALL} is the one list every claim
 * iterates over, and {@link #byName} lets a server in another process rebuild the same variant, so
 * measuring a new configuration is one line in {@link #ALL}.
 *
 * @param name     as printed in tables and charts, and passed to server processes
 * @param backend  the backend it runs on
 * @param receive  the io_uring receive strategy, or null on the other backends
 */
public record Variant(String name, BackendKind backend, UringReceiveStrategy receive) {
    /** Every variant, available or not, in table order: io_uring once per receive strategy, then readiness. */
    public static final List<Variant> ALL = List.of(
        uring("io_uring/provided", UringReceiveStrategy.PROVIDED_RING),
        uring("io_uring/incremental", UringReceiveStrategy.INCREMENTAL_RING),
        uring("io_uring/per-connection", UringReceiveStrategy.PER_CONNECTION),
        uring("io_uring/probe", UringReceiveStrategy.PROBE_THEN_READ),
        new Variant("epoll", BackendKind.EPOLL, null),
        new Variant("nio", BackendKind.NIO, null));

    private static Variant uring(String name, UringReceiveStrategy receive) {
        return new Variant(name, BackendKind.URING, receive);
    }

    /** {@return the variants this kernel and JDK can run} */
    public static List<Variant> available() {
        return ALL.stream().filter(v -> v.availability().available()).toList();
    }

    /** {@return one line per variant this kernel or JDK cannot run, saying why} */
    public static List<String> skipped() {
        return ALL.stream().filter(v -> !v.availability().available())
            .map(v -> v.name + ": " + v.availability().reason()).toList();
    }

    /**
     * {@return the first of {@code variants} on each backend} The receive strategy does not touch file I/O or
     * the loop's other threads, so measurements that are about the backend run once per backend.
     * @param variants the run's variants
     */
    public static List<Variant> onePerBackend(List<Variant> variants) {
        return variants.stream().filter(v -> variants.stream().filter(o -> o.backend == v.backend).findFirst()
            .orElseThrow() == v).toList();
    }

    private Availability availability() {
        Availability b = Backends.availability(backend);
        return receive == null || !b.available() ? b : Backends.uringReceiveAvailability(receive);
    }

    /**
     * {@return the variant called {@code name}}
     * @param name a {@link #name()} from {@link #ALL}
     */
    public static Variant byName(String name) {
        return ALL.stream().filter(v -> v.name.equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no variant " + name + "; known: "
                + ALL.stream().map(Variant::name).toList()));
    }

    /**
     * {@return a runtime of this variant with one loop} The caller closes it.
     * @throws IOException when the backend cannot start
     */
    public Ferry build() throws IOException {
        Ferry.Builder b = Ferry.builder().backend(backend).loops(1);
        return (receive == null ? b : b.uringReceive(receive)).build();
    }

    /** {@return true on a completion backend (io_uring), where reads are posted before data arrives} */
    public boolean completion() {
        return backend == BackendKind.URING;
    }
}
