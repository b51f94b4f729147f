package io.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.loop.EventLoop;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

// Purpose: what a user prints while finding their way (a Ferry, its backend, its loops) says something readable,
// not io.ferry.backend.uring.UringBackend@1b6d3586.
class ShouldDescribeItselfReadablyTest {
    @Test
    void shouldNameTheBackendAndTheLoops() throws Exception {
        for (BackendKind kind : Stream.of(BackendKind.URING, BackendKind.EPOLL, BackendKind.NIO)
            .filter(k -> TestBackends.of(k).availability().available()).toList()) {
            try (Ferry ferry = Ferry.builder().backend(kind).loops(2).build()) {
                String label = kind.label();
                assertEquals(kind, ferry.backend());
                assertEquals("2 loops [ferry-" + label + "-0, ferry-" + label + "-1]", ferry.loops().toString());
                EventLoop loop = ferry.loops().get(0);
                assertEquals("ferry-" + label + "-0 (running)", loop.toString());
                assertTrue(ferry.toString().startsWith("Ferry[" + label + " backend ("), ferry.toString());
                assertTrue(ferry.toString().endsWith(", " + ferry.loops() + "]"), ferry.toString());
                ferry.close();
                assertEquals("ferry-" + label + "-0 (stopped)", loop.toString());
            }
        }
    }
}
