package io.ferry.loop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.TestBackends;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A virtual thread carried by a loop that closes the loop (or the whole runtime, or waits for the loop
 * to end) resumes afterwards: its continuation, offered to a loop that has stopped taking tasks, runs
 * elsewhere instead of being dropped (issue 12, defect 2).
 */
class ShouldResumeCarriedThreadThatClosesItsLoopTest {
    static Stream<Arguments> cases() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO && TestBackends.of(k).availability().available())
            .flatMap(k -> Stream.of(Way.values()).map(w -> Arguments.of(k, w)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldResumeAfterTheLoopEnds(BackendKind kind, Way way) throws Exception {
        Ferry ferry = Ferry.builder().backend(kind).loops(1).build();
        try {
            EventLoop loop = ferry.loops().get(0);
            AtomicBoolean resumed = new AtomicBoolean();
            Thread t = loop.virtualThreads().newThread(() -> {
                way.close.accept(ferry);
                resumed.set(true);
            });
            t.start();
            if (way == Way.AWAIT_TERMINATION) {
                ferry.close();
            }
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(t.isAlive(), kind + ": the carried thread that did " + way + " never resumed");
            assertTrue(resumed.get());
            assertTrue(loop.terminationFuture().isDone());
        } finally {
            ferry.close();
        }
    }

    enum Way {
        CLOSE_LOOP(f -> f.loops().get(0).close()),
        CLOSE_FERRY(Ferry::close),
        AWAIT_TERMINATION(f -> f.loops().get(0).terminationFuture().join());

        final Consumer<Ferry> close;

        Way(Consumer<Ferry> close) {
            this.close = close;
        }
    }
}
