package io.ferry.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.LoopThread;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldCarryVirtualThreadsOnTheLoopTest {
    // Purpose: a loop's virtual threads run on the loop thread itself (they wait while the loop is busy,
    // park and resume there), and still run once the loop has stopped.
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldRunVirtualThreadsOnTheLoopThread() throws Exception {
        assertTrue(Ferry.carriesVirtualThreads(), "tests run with --add-opens java.base/java.lang: "
            + Ferry.virtualThreadCarrierUnavailableReason());
        try (Ferry ferry = Ferry.builder().backend(BackendKind.NIO).loops(1).build()) {
            LoopThread loop = (LoopThread) ferry.loops().get(0);
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            loop.execute(() -> {
                busy.countDown();
                awaitQuietly(release);
            });
            assertTrue(busy.await(5, TimeUnit.SECONDS));
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<String> carrier = new AtomicReference<>();
            Thread t = loop.virtualThreads().newThread(() -> {
                LockSupport.parkNanos(1_000_000); // unmounts, then resumes through the loop's queue
                carrier.set(Thread.currentThread().toString());
                ran.countDown();
            });
            assertTrue(t.isVirtual());
            t.start();
            assertFalse(ran.await(300, TimeUnit.MILLISECONDS), "its only carrier, the loop, is busy");
            release.countDown();
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertTrue(carrier.get().endsWith("@" + loop.name()), "carried by the loop thread: " + carrier.get());

            loop.close();
            CountDownLatch late = new CountDownLatch(1);
            loop.virtualThreads().newThread(late::countDown).start();
            assertTrue(late.await(5, TimeUnit.SECONDS), "a stopped loop hands its virtual threads to the common pool");
            assertEquals(0, loop.openResources());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
