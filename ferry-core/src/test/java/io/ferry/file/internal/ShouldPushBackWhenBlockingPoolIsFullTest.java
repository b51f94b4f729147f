package io.ferry.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldPushBackWhenBlockingPoolIsFullTest {
    // Purpose: with busy threads and a full queue the pool refuses work instead of growing, and runs what it took.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldRefuseWhenFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(2);
        AtomicInteger ran = new AtomicInteger();
        Runnable blocker = () -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.incrementAndGet();
        };
        BlockingPool pool = new BlockingPool("test-pool", 2, 3);
        try {
            assertTrue(pool.trySubmit(blocker));
            assertTrue(pool.trySubmit(blocker));
            assertTrue(running.await(5, TimeUnit.SECONDS), "both threads busy");
            for (int i = 0; i < 3; i++) {
                assertTrue(pool.trySubmit(ran::incrementAndGet), "queued " + i);
            }
            assertFalse(pool.trySubmit(ran::incrementAndGet), "a full queue pushes back");
            assertEquals(3, pool.queued());
            assertEquals(2, pool.startedThreads());
            release.countDown();
        } finally {
            pool.close();
        }
        assertEquals(5, ran.get(), "everything accepted ran before close returned");
        assertFalse(pool.trySubmit(ran::incrementAndGet), "a closed pool takes nothing");
    }
}
