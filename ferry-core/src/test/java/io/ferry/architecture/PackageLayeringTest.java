package io.ferry.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's package layering, checked on its compiled classes so it cannot rot silently. What holds
 * today is enforced; the remaining package cycles (issue 14 removes them) may shrink, never grow: when a
 * package leaves them, take it out of {@link #STILL_IN_THE_CYCLE}.
 */
class PackageLayeringTest {
    /**
     * The packages still in cycles: the connection core in the contract package uses the loop, and the file API
     * reaches back to {@code Ferry}. Down from 9 of 11 packages in one cycle: the buffers, with the debug-check
     * switch beside them, and the three backends, with backend selection moved up to the API, are out.
     */
    private static final Set<String> STILL_IN_THE_CYCLE = Set.of("io.ferry", "io.ferry.file", "io.ferry.backend",
        "io.ferry.loop", "io.ferry.net");
    private static PackageGraph graph;

    @BeforeAll
    static void readTheClasses() {
        graph = PackageGraph.ofProductionCode();
        System.out.println("ferry-core packages (public top-level types) -> dependencies:\n" + graph.describe()
            + "cycles: " + graph.cycles());
    }

    @Test
    void shouldKeepTheForeignFunctionLayerFreeOfTheRuntime() {
        assertEquals(Set.of(), graph.edges.get("io.ferry.linux"), "io.ferry.linux is the bottom: syscalls only");
    }

    @Test
    void shouldKeepBuffersBelowEverythingButTheKernel() {
        assertEquals(Set.of(), graph.edges.get("io.ferry.buffer"), "io.ferry.buffer depends on no other package");
    }

    @Test
    void shouldKeepBackendSelectionOutOfTheContract() {
        Set<String> contract = graph.edges.get("io.ferry.backend");
        for (String backend : List.of("io.ferry.backend.nio", "io.ferry.linux.epoll", "io.ferry.linux.uring")) {
            assertTrue(!contract.contains(backend), "the backend contract depends on " + backend);
        }
    }

    @Test
    void shouldNotGrowThePackageCycle() {
        Set<String> cyclic = new TreeSet<>();
        graph.cycles().forEach(cyclic::addAll);
        Set<String> grown = new TreeSet<>(cyclic);
        grown.removeAll(STILL_IN_THE_CYCLE);
        assertEquals(Set.of(), grown, "packages newly caught in a cycle: " + graph.cycles() + "\n" + graph.describe());
        Set<String> left = new TreeSet<>(STILL_IN_THE_CYCLE);
        left.removeAll(cyclic);
        assertEquals(Set.of(), left, "out of the cycle now (good): remove them from STILL_IN_THE_CYCLE");
    }
}
