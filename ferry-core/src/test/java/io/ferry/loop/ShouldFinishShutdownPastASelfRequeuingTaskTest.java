package io.ferry.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.Ferry;
import io.ferry.TestBackends;
import io.ferry.backend.BackendKind;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A task that queues itself again on its loop each time it runs (a retry that {@code execute()}s itself) cannot
 * keep the loop's shutdown from finishing: the loop stops within a bound, and the task's next {@code execute()}
 * is refused with {@link RejectedExecutionException}, so its owner learns that the loop is gone, and the loop's
 * error handler is told why the shutdown stopped waiting for its queue. Before the bound, shutdown's
 * {@code while (runTasks() > 0)} ran the retry forever on every backend.
 */
class ShouldFinishShutdownPastASelfRequeuingTaskTest {
    private static final long CLOSE_SECONDS = 10;

    static Stream<BackendKind> backends() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO && TestBackends.of(k).availability().available());
    }

    @ParameterizedTest
    @MethodSource("backends")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStopWithinABoundAndRefuseTheRetry(BackendKind kind) throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Ferry ferry = Ferry.builder().backend(kind).loops(1).errorHandler(errors::add).build();
        EventLoop loop = ferry.loops().get(0);
        Retry retry = new Retry(loop);
        loop.execute(retry);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_SECONDS);
        while (retry.runs.get() < 1_000 && System.nanoTime() - until < 0) {
            Thread.onSpinWait(); // the retry is cycling on the loop
        }

        CompletableFuture<Void> closed = ferry.closeAsync();
        try {
            closed.get(CLOSE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException hung) {
            retry.giveUp = true; // lets the loop go, so the failure does not leave a spinning thread behind
            closed.get(CLOSE_SECONDS, TimeUnit.SECONDS);
            fail(kind + ": shutdown did not finish in " + CLOSE_SECONDS + " s; the retry ran " + retry.runs.get()
                + " times");
        }
        assertTrue(loop.terminationFuture().isDone(), kind + ": the loop has not terminated");
        assertTrue(retry.refused.isDone(), kind + ": the retry was stopped without being told (ran "
            + retry.runs.get() + " times)");
        assertInstanceOf(RejectedExecutionException.class, retry.refused.get());
        assertEquals(1, errors.size(), () -> kind + ": errors reported to the loop: " + errors);
        assertInstanceOf(IllegalStateException.class, errors.get(0), "the loop says why it stopped draining");
    }

    /** Runs and queues itself again, until its loop refuses it (or the test gives up on a hung shutdown). */
    private static final class Retry implements Runnable {
        final AtomicLong runs = new AtomicLong();
        final CompletableFuture<Throwable> refused = new CompletableFuture<>();
        volatile boolean giveUp;
        private final EventLoop loop;

        Retry(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public void run() {
            runs.incrementAndGet();
            if (giveUp) {
                return;
            }
            try {
                loop.execute(this);
            } catch (RejectedExecutionException e) {
                refused.complete(e);
            }
        }
    }
}
