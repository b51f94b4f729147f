package io.ferry.bench.stress;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;
import io.ferry.Backends;
import java.time.Duration;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: the chaos suite in every test run, on every backend, with three fixed seeds (seed 1: two loops, one
// receive buffer each; seed 2: two loops, two receive buffers, a 16-task queue; seed 3: one loop, one receive
// buffer): no hang, no broken contract, and every buffer, descriptor, operation and handler thread given back.
// ./ferry stress runs the same for longer, with new seeds.
@Timeout(180)
class ChaosSuiteTest {
    private static final Duration EACH = Duration.ofSeconds(Long.getLong("ferry.chaos.seconds", 12));

    static Stream<Arguments> runs() {
        return Stream.of(BackendKind.URING, BackendKind.EPOLL, BackendKind.NIO)
            .flatMap(k -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(k, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("runs")
    void shouldNeitherHangNorLeak(BackendKind kind, long seed) throws Exception {
        Availability a = Backends.availability(kind);
        assumeTrue(a.available(), () -> kind + " unavailable: " + a.reason());
        StressRun.Result r = new StressRun(kind, seed, EACH, 8, Duration.ofSeconds(6), System.out,
            EnumSet.allOf(ChaosMove.class)).run();
        assertTrue(r.passed(), () -> r.summary() + "\n" + String.join("\n", r.problems()));
    }
}
