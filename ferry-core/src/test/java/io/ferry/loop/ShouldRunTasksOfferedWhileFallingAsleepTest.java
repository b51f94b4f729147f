package io.ferry.loop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.TestBackends;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded stress of the loop's sleep handshake against task offers: each round wakes the loop with one
 * task, then, a random few microseconds later (while the loop runs it and falls back asleep), offers a
 * second, which must run with no other event waking the loop. Fails when the loop does not re-check its
 * queue after publishing that it sleeps. Replay a failure with {@code -Dferry.test.seed=S}.
 */
class ShouldRunTasksOfferedWhileFallingAsleepTest {
    private static final int ROUNDS = 20_000;
    private static final long MAX_GAP_NANOS = 40_000;

    static Stream<BackendKind> backends() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO && TestBackends.of(k).availability().available());
    }

    @ParameterizedTest
    @MethodSource("backends")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRunEveryTaskWithoutAnotherWakeUp(BackendKind kind) throws Exception {
        long seed = Long.getLong("ferry.test.seed", System.nanoTime());
        Random random = new Random(seed);
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            EventLoop loop = ferry.loops().get(0);
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch ran = new CountDownLatch(1);
                loop.execute(() -> { });
                spin(random.nextLong(MAX_GAP_NANOS));
                loop.execute(ran::countDown);
                int r = round;
                assertTrue(ran.await(10, TimeUnit.SECONDS),
                    () -> kind + ": round " + r + "'s second task never ran (seed " + seed + ")");
            }
        }
    }

    /** Waits without parking: a park's own latency would swamp the gap being varied. */
    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
