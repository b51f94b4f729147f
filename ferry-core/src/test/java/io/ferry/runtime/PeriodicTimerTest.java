package io.ferry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.loop.Timer;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: a periodic timer runs on its loop again and again until cancelled (from inside its task or from another
// thread); a late loop skips the periods it missed instead of running them in a burst.
@Timeout(30)
class PeriodicTimerTest {
    @Test
    void shouldRunUntilCancelledFromItsOwnTask() throws Exception {
        try (Ferry ferry = Ferry.builder().backend(BackendKind.NIO).loops(1).build()) {
            LoopThread loop = (LoopThread) ferry.loops().get(0);
            int before = loop.await(() -> loop.timers().size()); // the pool's periodic trim
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch fifth = new CountDownLatch(1);
            Timer[] self = new Timer[1];
            self[0] = loop.scheduleAtFixedRate(() -> {
                assertTrue(loop.inLoop());
                if (runs.incrementAndGet() == 5) {
                    self[0].cancel();
                    fifth.countDown();
                }
            }, 0, 5, TimeUnit.MILLISECONDS);
            assertTrue(fifth.await(10, TimeUnit.SECONDS), "ran " + runs.get() + " times");
            Thread.sleep(50);
            assertEquals(5, runs.get(), "no run after cancel");
            assertEquals(before, (int) loop.await(() -> loop.timers().size()), "nothing left queued");
        }
    }

    @Test
    void shouldSkipMissedPeriodsInsteadOfBursting() throws Exception {
        try (Ferry ferry = Ferry.builder().backend(BackendKind.NIO).loops(1).build()) {
            LoopThread loop = (LoopThread) ferry.loops().get(0);
            AtomicInteger runs = new AtomicInteger();
            Timer t = loop.scheduleAtFixedRate(runs::incrementAndGet, 0, 1, TimeUnit.MILLISECONDS);
            loop.execute(() -> sleepOnTheLoop(200)); // the loop is late by ~200 periods
            Thread.sleep(250);
            t.cancel();
            assertTrue(runs.get() < 150, "ran " + runs.get() + " times: missed periods were run in a burst");
        }
    }

    @Test
    void shouldRefuseANonPositivePeriod() throws Exception {
        try (Ferry ferry = Ferry.builder().backend(BackendKind.NIO).loops(1).build()) {
            LoopThread loop = (LoopThread) ferry.loops().get(0);
            assertThrows(IllegalArgumentException.class, () -> loop.scheduleAtFixedRate(() -> { }, 0, 0,
                TimeUnit.MILLISECONDS));
        }
    }

    private static void sleepOnTheLoop(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
