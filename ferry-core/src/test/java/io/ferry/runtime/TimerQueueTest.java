package io.ferry.runtime;

import io.ferry.loop.Timer;
import io.ferry.loop.OneNioLoop;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Purpose: the loop's timer heap fires due timers in deadline order, skips cancelled ones, tells the loop
 * how long it may sleep, and its public face ({@link LoopThread#schedule}, {@link ScheduledTask#cancel}) keeps the
 * same promises across threads.
 *
 * <p>Heap-level tests drive {@code loop.timers()} on the loop thread (inside one {@code await}) with a
 * made-up clock an hour ahead of the real one, so the loop's own turns never fire them.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TimerQueueTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private OneNioLoop fixture;
    private List<Throwable> errors;
    private LoopThread loop;

    @BeforeEach
    void start() throws Exception {
        fixture = new OneNioLoop();
        errors = fixture.errors;
        loop = fixture.loop;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void onLoop(Runnable body) {
        fixture.run(body);
    }

    private ScheduledTask timer(long deadline, List<Long> fired) {
        return new ScheduledTask(loop, () -> fired.add(deadline), deadline);
    }

    @Test
    void shouldFireDueTimersInDeadlineOrder() {
        onLoop(() -> {
            TimerQueue q = loop.timers();
            int before = q.size();
            long base = System.nanoTime() + HOUR;
            List<Long> deadlines = new ArrayList<>();
            Random random = new Random(42);
            for (int i = 0; i < 200; i++) {
                deadlines.add(base + random.nextInt(1_000_000));
            }
            List<Long> fired = new ArrayList<>();
            deadlines.forEach(d -> q.add(timer(d, fired)));
            assertEquals(before + 200, q.size());
            int ran = q.runDue(base + 1_000_000, loop);
            assertEquals(200, ran, "runDue counts what ran");
            List<Long> sorted = new ArrayList<>(deadlines);
            Collections.sort(sorted);
            assertEquals(sorted, fired);
            assertEquals(before, q.size());
        });
    }

    @Test
    void shouldFireOnlyWhatIsDueAndKeepTheRest() {
        onLoop(() -> {
            TimerQueue q = loop.timers();
            long base = System.nanoTime() + HOUR;
            List<Long> fired = new ArrayList<>();
            q.add(timer(base + 30, fired));
            q.add(timer(base + 10, fired));
            q.add(timer(base + 20, fired));
            assertEquals(1, q.runDue(base + 10, loop), "a deadline equal to now is due");
            assertEquals(List.of(base + 10), fired);
            assertEquals(0, q.runDue(base + 19, loop));
            assertEquals(2, q.runDue(base + 100, loop));
            assertEquals(List.of(base + 10, base + 20, base + 30), fired);
            assertEquals(0, q.runDue(base + 200, loop), "a timer fires at most once");
        });
    }

    @Test
    void shouldFireEveryTimerOfATie() {
        onLoop(() -> {
            TimerQueue q = loop.timers();
            long base = System.nanoTime() + HOUR;
            AtomicInteger count = new AtomicInteger();
            List<Long> fired = new ArrayList<>();
            q.add(timer(base + 5, fired));
            for (int i = 0; i < 50; i++) {
                q.add(new ScheduledTask(loop, count::incrementAndGet, base + 1));
            }
            q.add(timer(base, fired));
            assertEquals(1, q.runDue(base, loop));
            assertEquals(50, q.runDue(base + 1, loop), "all timers of one deadline fire together");
            assertEquals(50, count.get());
            assertEquals(1, q.runDue(base + 5, loop));
            assertEquals(List.of(base, base + 5), fired);
        });
    }

    @Test
    void shouldTellTheLoopHowLongItMaySleep() {
        onLoop(() -> {
            TimerQueue q = new TimerQueue(); // a queue of its own: the loop's may hold timers of the runtime
            long base = System.nanoTime() + HOUR;
            assertEquals(-1, q.nanosUntilNext(base), "no timer: sleep until woken");
            List<Long> fired = new ArrayList<>();
            ScheduledTask late = timer(base + 5_000, fired);
            ScheduledTask early = timer(base + 1_000, fired);
            q.add(late);
            assertEquals(5_000, q.nanosUntilNext(base));
            q.add(early);
            assertEquals(1_000, q.nanosUntilNext(base), "the earliest deadline bounds the sleep");
            assertEquals(0, q.nanosUntilNext(base + 1_000), "due now");
            assertEquals(0, q.nanosUntilNext(base + 9_999), "overdue is 0, never negative");
            q.remove(early);
            assertEquals(5_000, q.nanosUntilNext(base), "removing the head moves the bound to the next timer");
            q.runDue(base + 5_000, loop);
            assertEquals(-1, q.nanosUntilNext(base));
        });
    }

    @Test
    void shouldSkipTimerCancelledBeforeItsDeadline() {
        onLoop(() -> {
            TimerQueue q = loop.timers();
            int before = q.size();
            long base = System.nanoTime() + HOUR;
            List<Long> fired = new ArrayList<>();
            ScheduledTask a = timer(base + 1, fired);
            ScheduledTask b = timer(base + 2, fired);
            ScheduledTask c = timer(base + 3, fired);
            q.add(a);
            q.add(b);
            q.add(c);
            b.cancel();
            assertTrue(b.isCancelled());
            assertEquals(before + 2, q.size(), "on the loop thread cancel takes the timer out at once");
            b.cancel();
            assertEquals(before + 2, q.size(), "a second cancel changes nothing");
            q.add(b);
            assertEquals(before + 2, q.size(), "a cancelled timer is not queued again");
            assertEquals(2, q.runDue(base + 10, loop));
            assertEquals(List.of(base + 1, base + 3), fired);
        });
    }

    @Test
    void shouldIgnoreCancelAfterTheTimerFired() {
        onLoop(() -> {
            TimerQueue q = loop.timers();
            int before = q.size();
            long base = System.nanoTime() + HOUR;
            List<Long> fired = new ArrayList<>();
            ScheduledTask a = timer(base, fired);
            ScheduledTask other = timer(base + 50, fired);
            q.add(a);
            q.add(other);
            q.runDue(base, loop);
            a.cancel();
            a.cancel();
            assertTrue(a.isCancelled());
            assertEquals(before + 1, q.size(), "cancelling a fired timer must not disturb the others");
            assertEquals(1, q.runDue(base + 50, loop));
            assertEquals(List.of(base, base + 50), fired);
        });
    }

    @Test
    void shouldNotQueueOneTimerTwice() {
        onLoop(() -> {
            TimerQueue q = new TimerQueue();
            long base = System.nanoTime() + HOUR;
            List<Long> fired = new ArrayList<>();
            ScheduledTask a = timer(base, fired);
            q.add(a);
            q.add(a);
            assertEquals(1, q.size());
            assertEquals(1, q.runDue(base, loop));
            assertEquals(List.of(base), fired);
        });
    }

    @Test
    void shouldNotFireATimerThatAnEarlierOneCancelledInTheSameTurn() {
        onLoop(() -> {
            TimerQueue q = loop.timers();
            long base = System.nanoTime() + HOUR;
            List<Long> fired = new ArrayList<>();
            ScheduledTask victim = timer(base + 2, fired);
            ScheduledTask killer = new ScheduledTask(loop, victim::cancel, base + 1);
            q.add(killer);
            q.add(victim);
            assertEquals(1, q.runDue(base + 10, loop), "only the cancelling timer ran");
            assertEquals(List.of(), fired);
        });
    }

    @Test
    void shouldFireManyTimersInOrderWithHalfCancelled() {
        onLoop(() -> {
            TimerQueue q = loop.timers();
            int before = q.size();
            long base = System.nanoTime() + HOUR;
            Random random = new Random(7);
            List<Long> fired = new ArrayList<>();
            List<Long> expected = new ArrayList<>();
            List<ScheduledTask> all = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                ScheduledTask t = timer(base + random.nextInt(50_000), fired);
                all.add(t);
                q.add(t);
            }
            for (ScheduledTask t : all) {
                if (random.nextBoolean()) {
                    t.cancel(); // from every position in the heap: exercises remove's sift up and down
                } else {
                    expected.add(t.deadlineNanos());
                }
            }
            Collections.sort(expected);
            for (long now = base; now <= base + 50_000; now += 997) {
                q.runDue(now, loop); // in slices, with the clock moving on
            }
            q.runDue(base + 50_000, loop);
            assertEquals(expected, fired);
            assertEquals(before, q.size());
        });
    }

    @Test
    void shouldSendAThrowingTimerToTheErrorHandlerAndGoOn() {
        onLoop(() -> {
            TimerQueue q = loop.timers();
            long base = System.nanoTime() + HOUR;
            List<Long> fired = new ArrayList<>();
            q.add(new ScheduledTask(loop, () -> {
                throw new IllegalStateException("boom");
            }, base));
            q.add(timer(base + 1, fired));
            assertEquals(2, q.runDue(base + 1, loop));
            assertEquals(List.of(base + 1), fired, "the timer after a throwing one still fires");
        });
        assertEquals(1, errors.size());
        assertEquals("boom", errors.get(0).getMessage());
        errors.clear();
    }

    // ---- through the public API, on the real clock ------------------------------------------------

    @Test
    void shouldRunTimersScheduledFromInsideAFiringTimer() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        loop.schedule(() -> {
            order.add("outer");
            onLoop.add(loop.inLoop());
            loop.schedule(() -> {
                order.add("inner-20ms");
                onLoop.add(loop.inLoop());
                done.countDown();
            }, 20, TimeUnit.MILLISECONDS);
            loop.schedule(() -> {
                order.add("inner-0ms");
                onLoop.add(loop.inLoop());
            }, 0, TimeUnit.MILLISECONDS);
        }, 1, TimeUnit.MILLISECONDS);
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("outer", "inner-0ms", "inner-20ms"), order);
        assertEquals(List.of(true, true, true), onLoop, "timers run on the loop thread");
    }

    @Test
    void shouldKeepRunningTasksWhileATimerReschedulesItselfWithNoDelay() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger spins = new AtomicInteger();
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            spins.incrementAndGet();
            if (!stop.get()) {
                loop.schedule(self[0], 0, TimeUnit.NANOSECONDS);
            }
        };
        loop.schedule(self[0], 0, TimeUnit.NANOSECONDS);
        CountDownLatch task = new CountDownLatch(1);
        loop.execute(task::countDown);
        assertTrue(task.await(5, TimeUnit.SECONDS), "a self-rescheduling timer starved the task queue");
        stop.set(true);
        assertTrue(spins.get() > 0);
    }

    @Test
    void shouldNotRunATimerCancelledFromAnotherThread() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Timer t = loop.schedule(() -> ran.set(true), 100, TimeUnit.MILLISECONDS);
        t.cancel();
        assertTrue(t.isCancelled());
        CountDownLatch later = new CountDownLatch(1);
        loop.schedule(later::countDown, 300, TimeUnit.MILLISECONDS);
        assertTrue(later.await(5, TimeUnit.SECONDS));
        assertFalse(ran.get(), "a timer cancelled before its deadline ran");
        assertEquals(0, (int) loop.await(() -> loop.timers().size()), "the cancelled timer left the heap");
    }

    @Test
    void shouldWakeForATimerWhileOtherwiseIdle() throws Exception {
        long start = System.nanoTime();
        CountDownLatch fired = new CountDownLatch(1);
        long[] at = new long[1];
        loop.schedule(() -> {
            at[0] = System.nanoTime();
            fired.countDown();
        }, 50, TimeUnit.MILLISECONDS);
        assertTrue(fired.await(5, TimeUnit.SECONDS), "an idle loop slept through its only timer");
        assertTrue(at[0] - start >= TimeUnit.MILLISECONDS.toNanos(50), "fired before its deadline");
    }

    // Timer.cancel() says "any thread", also after the loop stopped. Before 3f4c7b8 it handed the heap removal to
    // loop.execute(), which throws RejectedExecutionException once the loop has stopped (or its queue is full).
    @Test
    void shouldCancelFromAnotherThreadAfterTheLoopStopped() {
        Timer t = loop.schedule(() -> { }, 1, TimeUnit.HOURS);
        fixture.ferry.close();
        assertDoesNotThrow(t::cancel, "cancel() is documented for any thread");
        assertTrue(t.isCancelled());
    }

    // A timer whose deadline is already past must run even while a timer "for ever" (Long.MAX_VALUE ns) is
    // queued: deadlines are compared by subtraction, which overflows when they are more than 2^63 apart.
    @Test
    void shouldRunAnOverdueTimerWhileAVeryLongOneIsQueued() throws Exception {
        loop.schedule(() -> { }, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        CountDownLatch fired = new CountDownLatch(1);
        loop.schedule(fired::countDown, -1, TimeUnit.SECONDS);
        assertTrue(fired.await(3, TimeUnit.SECONDS), "an overdue timer never ran");
    }
}
