package io.ferry.buffer;

import io.ferry.diagnostics.Checks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Views released on other threads come home only through the return stack, which the owner drains.
@Timeout(30)
class CrossThreadReleaseTest {
    private static final int WORKERS = 4;
    private static final int BUFFERS = 20_000;
    /** Room for every buffer that can be in flight (4 queues of 256), so acquire never drains implicitly. */
    private static final int SLAB = 2048;

    @Test
    void shouldReturnForeignReleasesThroughTheOwner() throws InterruptedException {
        try (BufferPool pool = BufferPool.builder().bufferSize(4096).buffersPerSlab(SLAB).bufferCap(SLAB).build()) {
            pool.bindOwner(Thread.currentThread());
            AtomicInteger signals = new AtomicInteger();
            pool.onForeignReturn(signals::incrementAndGet);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<BlockingQueue<Buf>> queues = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                BlockingQueue<Buf> q = new ArrayBlockingQueue<>(256);
                queues.add(q);
                workers.add(Thread.ofPlatform().name("releaser-" + w).start(() -> releaseAll(q, failures)));
            }

            int drained = 0;
            for (int i = 0; i < BUFFERS; i++) {
                Buf b = pool.acquire();
                b.setInt(0, i).setInt(b.capacity() - 4, ~i).writeIndex(b.capacity());
                drained += pool.drainReturns();
                queues.get(i % WORKERS).put(b);
            }
            for (BlockingQueue<Buf> q : queues) {
                q.put(pool.acquire().writeInt(-1));
            }
            for (Thread t : workers) {
                t.join(TimeUnit.SECONDS.toMillis(20));
            }
            drained += pool.drainReturns();

            assertTrue(failures.isEmpty(), () -> "worker failed: " + failures.peek());
            assertEquals(BUFFERS + WORKERS, drained, "every chunk must come home through drainReturns");
            assertTrue(signals.get() > 0, "onForeignReturn never fired");
            TestPools.assertAllReturned(pool);
        }
    }

    /** Checks each buffer's marker, slices and releases on this thread; stops at the -1 sentinel. */
    private static void releaseAll(BlockingQueue<Buf> q, ConcurrentLinkedQueue<Throwable> failures) {
        try {
            while (true) {
                Buf b = q.take();
                int id = b.getInt(0);
                if (id == -1) {
                    b.release();
                    return;
                }
                Buf tail = b.slice(b.capacity() - 4, 4);
                b.release();
                if (tail.getInt(0) != ~id) {
                    failures.add(new AssertionError("buffer " + id + " was overwritten while in use"));
                }
                tail.release();
            }
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    @Test
    void shouldRejectAcquireFromForeignThreadWithChecksOn() throws InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Checks.ENABLED, "needs -Dferry.checks=true");
        try (BufferPool pool = TestPools.small()) {
            pool.bindOwner(Thread.currentThread());
            AtomicInteger thrown = new AtomicInteger();
            Thread t = Thread.ofPlatform().name("intruder").start(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, pool::acquire);
                if (e.getMessage().contains("intruder")) {
                    thrown.incrementAndGet();
                }
            });
            t.join();
            assertEquals(1, thrown.get());
        }
    }
}
