package io.ferry.bench.evidence;

import io.ferry.Backends;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One configuration the evidence run measures: a backend and, where the backend has a choice, its
 * settings (for example an io_uring receive strategy). {@link #ALL} is the one list every claim
 * iterates over, and {@link #byName} lets a server in another process rebuild the same variant, so
 * measuring a new configuration is one line in {@link #ALL}.
 *
 * @param name     as printed in tables and charts, and passed to server processes
 * @param backend  the backend it runs on
 * @param settings applied to a builder that already has {@code backend} and one loop
 */
public record Variant(String name, BackendKind backend, UnaryOperator<Ferry.Builder> settings) {
    /** Every variant, available or not, in table order. */
    public static final List<Variant> ALL = List.of(
        new Variant("io_uring", BackendKind.URING, b -> b),
        new Variant("epoll", BackendKind.EPOLL, b -> b),
        new Variant("nio", BackendKind.NIO, b -> b));

    /** {@return the variants this kernel and JDK can run} */
    public static List<Variant> available() {
        return ALL.stream().filter(v -> Backends.availability(v.backend).available()).toList();
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
        return settings.apply(Ferry.builder().backend(backend).loops(1)).build();
    }

    /** {@return true on a completion backend (io_uring), where reads are posted before data arrives} */
    public boolean completion() {
        return backend == BackendKind.URING;
    }
}
