package io.ferry.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldRunOrRejectEveryTaskWhileClosingTest {
    private static final int LOOPS = 150;
    private static final int PRODUCERS = 3;

    // Purpose: a task handed to a loop from another thread while the loop closes is either run or
    // refused with RejectedExecutionException, never accepted and then dropped (the window between the
    // loop's last drain and its end used to swallow tasks).
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRunEveryAcceptedTask() throws Exception {
        for (int i = 0; i < LOOPS; i++) {
            AtomicLong accepted = new AtomicLong();
            AtomicLong ran = new AtomicLong();
            Ferry ferry = Ferry.builder().backend(BackendKind.NIO).loops(1).build();
            EventLoop loop = ferry.loops().get(0);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                producers.add(Thread.ofPlatform().start(() -> {
                    awaitQuietly(go);
                    while (true) {
                        try {
                            loop.execute(ran::incrementAndGet);
                            accepted.incrementAndGet();
                        } catch (RejectedExecutionException e) {
                            return;
                        }
                    }
                }));
            }
            go.countDown();
            Thread.sleep(1);
            ferry.close();
            for (Thread t : producers) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
            assertTrue(loop.terminationFuture().isDone());
            assertEquals(accepted.get(), ran.get(), "round " + i + ": tasks accepted but never run");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
