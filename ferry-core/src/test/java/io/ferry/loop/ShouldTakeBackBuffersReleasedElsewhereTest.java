package io.ferry.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.TestBackends;
import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.internal.PoolAccess;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded stress of the loop's sleep handshake against buffer returns: a buffer released on another
 * thread (a platform thread, or a virtual thread the loop itself carries) must go home with no other
 * event waking the loop. Fails on a loop that re-checks only its task queue after publishing that it
 * sleeps (issue 12, defect 1). Replay a failure with {@code -Dferry.test.seed=S}.
 */
class ShouldTakeBackBuffersReleasedElsewhereTest {
    private static final int ROUNDS = 3_000;

    static Stream<BackendKind> backends() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO && TestBackends.of(k).availability().available());
    }

    @ParameterizedTest
    @MethodSource("backends")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldTakeBackEveryBufferWithoutAnotherWakeUp(BackendKind kind) throws Exception {
        long seed = Long.getLong("ferry.test.seed", System.nanoTime());
        Random random = new Random(seed);
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            EventLoop loop = ferry.loops().get(0);
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch home = new CountDownLatch(1);
                Buf lent = loop.await(() -> lendOne(loop.pool(), home));
                Releaser how = Releaser.values()[random.nextInt(Releaser.values().length)];
                long delayNanos = random.nextInt(3) == 0 ? 0 : random.nextLong(40_000);
                how.release(loop, lent, delayNanos);
                assertTrue(home.await(10, TimeUnit.SECONDS), () -> kind + ": a buffer released by " + how
                    + " never went home while the loop slept (seed " + seed + ")");
            }
            assertEquals(0, (int) loop.await(() -> loop.pool().stats().lentInUse()));
        }
    }

    /** One lent buffer whose home gives it back to the pool for good and counts down {@code home}. */
    private static Buf lendOne(BufferPool pool, CountDownLatch home) {
        int id = PoolAccess.lend(pool, 1, returned -> {
            PoolAccess.unlend(pool, returned);
            home.countDown();
        })[0];
        return PoolAccess.viewLent(pool, id, 0);
    }

    /** The threads a buffer comes back from. */
    private enum Releaser {
        CARRIED_VIRTUAL_THREAD {
            @Override
            void release(EventLoop loop, Buf b, long delayNanos) {
                loop.virtualThreads().newThread(() -> {
                    pause(delayNanos);
                    b.release();
                }).start();
            }
        },
        /** This (platform) thread, a moment after waking the loop, so the release races its fall into sleep. */
        PLATFORM_THREAD {
            @Override
            void release(EventLoop loop, Buf b, long delayNanos) {
                loop.execute(() -> { });
                long end = System.nanoTime() + delayNanos;
                while (System.nanoTime() - end < 0) {
                    Thread.onSpinWait();
                }
                b.release();
            }
        };

        abstract void release(EventLoop loop, Buf b, long delayNanos);

        private static void pause(long nanos) {
            if (nanos > 0) {
                LockSupport.parkNanos(nanos);
            }
        }
    }
}
