package io.ferry.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's package layering, checked on its compiled classes so it cannot rot silently: no package
 * cycles, and each package depends only on the layers below it. Read top to bottom, {@link #ALLOWED} is the
 * architecture: the API, the blocking sockets, the three backends side by side, the connection core and file
 * queues they share, the loop implementation, the backend contract, the public loop/net/buffer types (with the
 * runtime's method-handle access to the pool's package-private owner operations just above them), and at
 * the bottom the io_uring ring library, the foreign-function layer and the diagnostics (debug checks, Flight
 * Recorder events) that any layer may use.
 */
class PackageLayeringTest {
    private static final String API = "io.ferry";
    private static final String BACKENDS = "io.ferry.backend";
    private static final String BUFFER = "io.ferry.buffer";
    private static final String BUFFER_ACCESS = "io.ferry.buffer.internal";
    private static final String CONNECTION = "io.ferry.connection";
    private static final String DIAGNOSTICS = "io.ferry.diagnostics";
    private static final String FILE = "io.ferry.file";
    private static final String FILE_QUEUES = "io.ferry.file.internal";
    private static final String FFM = "io.ferry.linux";
    private static final String RING = "io.ferry.linux.uring";
    private static final String LOOP = "io.ferry.loop";
    private static final String NET = "io.ferry.net";
    private static final String RUNTIME = "io.ferry.runtime";
    private static final String CONTRACT = "io.ferry.spi";

    /** Each package and what it may depend on; a package missing here fails the test until it is placed. */
    private static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
        Map.entry(API, Set.of(BACKENDS, "io.ferry.backend.uring", "io.ferry.backend.epoll", "io.ferry.backend.nio",
            BUFFER, CONNECTION, DIAGNOSTICS, FILE, LOOP, NET, RUNTIME, CONTRACT)),
        Map.entry("io.ferry.net.blocking", Set.of(API, BUFFER, LOOP, NET, "io.ferry.net.tls")),
        // TLS reaches the FFM layer for the OpenSSL provider's downcalls (NativeAccess), as the backends do
        Map.entry("io.ferry.net.tls", Set.of(API, BUFFER, FFM, LOOP, NET)),
        Map.entry("io.ferry.backend.uring", Set.of(BACKENDS, BUFFER, BUFFER_ACCESS, CONNECTION, DIAGNOSTICS,
            FILE_QUEUES, FFM, RING, NET, CONTRACT)),
        Map.entry("io.ferry.backend.epoll", Set.of(BACKENDS, BUFFER, CONNECTION, FILE_QUEUES, FFM, LOOP, NET,
            CONTRACT)),
        Map.entry("io.ferry.backend.nio", Set.of(BACKENDS, BUFFER, BUFFER_ACCESS, CONNECTION, FILE_QUEUES, NET,
            CONTRACT)),
        Map.entry(FILE, Set.of(BUFFER, DIAGNOSTICS, FFM, LOOP, CONTRACT)),
        Map.entry(CONNECTION, Set.of(BUFFER, DIAGNOSTICS, LOOP, NET, CONTRACT)),
        Map.entry(FILE_QUEUES, Set.of(FFM, CONTRACT)),
        Map.entry(RUNTIME, Set.of(BACKENDS, BUFFER, BUFFER_ACCESS, DIAGNOSTICS, LOOP, NET, CONTRACT)),
        Map.entry(CONTRACT, Set.of(BACKENDS, BUFFER, LOOP, NET)),
        Map.entry(NET, Set.of(BUFFER, DIAGNOSTICS, LOOP)),
        Map.entry(LOOP, Set.of(BUFFER)),
        Map.entry(BACKENDS, Set.of()),
        Map.entry(BUFFER_ACCESS, Set.of(BUFFER)),
        Map.entry(BUFFER, Set.of(DIAGNOSTICS)),
        Map.entry(RING, Set.of(DIAGNOSTICS, FFM)),
        Map.entry(FFM, Set.of()),
        Map.entry(DIAGNOSTICS, Set.of())));

    private static PackageGraph graph;

    @BeforeAll
    static void readTheClasses() {
        graph = PackageGraph.ofProductionCode();
        System.out.println("ferry-core packages (public top-level types) -> dependencies:\n" + graph.describe()
            + "cycles: " + graph.cycles());
    }

    @Test
    void shouldHaveNoPackageCycles() {
        assertEquals(List.of(), graph.cycles(), () -> "package cycles:\n" + graph.describe());
    }

    @Test
    void shouldDependOnlyOnTheLayersBelow() {
        Map<String, Set<String>> unexpected = new TreeMap<>();
        graph.edges.forEach((from, to) -> {
            Set<String> allowed = ALLOWED.get(from);
            Set<String> extra = new TreeSet<>(to);
            if (allowed != null) {
                extra.removeAll(allowed);
            } else {
                extra.add("(package not placed in a layer)");
            }
            if (!extra.isEmpty()) {
                unexpected.put(from, extra);
            }
        });
        assertEquals(Map.of(), unexpected, () -> "dependencies against the layering:\n" + graph.describe());
    }

    @Test
    void shouldKeepEveryBackendOutOfTheOthers() {
        for (String backend : List.of("io.ferry.backend.uring", "io.ferry.backend.epoll", "io.ferry.backend.nio")) {
            Set<String> reached = new TreeSet<>(graph.edges.getOrDefault(backend, Set.of()));
            reached.retainAll(Set.of("io.ferry.backend.uring", "io.ferry.backend.epoll", "io.ferry.backend.nio"));
            assertEquals(Set.of(), reached, backend + " depends on another backend");
        }
    }
}
