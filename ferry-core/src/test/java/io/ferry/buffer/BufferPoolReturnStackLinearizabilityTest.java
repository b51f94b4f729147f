package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-checked (Lincheck) return stack of {@link BufferPool}: buffers released on two other threads are
 * pushed on it while the owner drains it and falls asleep the way its loop does. No chunk is lost or comes
 * home twice; {@link BufferPool#hasReturns()} is true exactly while a pushed chunk waits; and an owner that
 * sleeps after publishing so (then re-checking {@code hasReturns}) is woken by the push that needs it.
 */
@Timeout(60)
class BufferPoolReturnStackLinearizabilityTest {
    private static final int INVOCATIONS = 600;
    private static final int SLAB = 4;
    private static final int RELEASED = 3;

    @Test
    void shouldTakeEveryForeignReleaseHomeOnceAndWakeASleepingOwner() {
        // Closed after the run: the model checker takes close()'s clearing of a 64-slot map for a livelock.
        Queue<BufferPool> pools = new ConcurrentLinkedQueue<>();
        try {
            Lincheck.runConcurrentTest(INVOCATIONS, () -> {
                BufferPool pool = BufferPool.builder().bufferSize(4096).buffersPerSlab(SLAB).bufferCap(SLAB)
                    .jumboSize(8192).jumbosPerSlab(1).jumboCap(1).build();
                pools.add(pool);
                pool.bindOwner(Thread.currentThread());
                SleepFlag flag = new SleepFlag();
                pool.onForeignReturn(flag::wake); // EventLoop passes its wakeup()
                Buf a = pool.acquire();
                Buf b = pool.acquire();
                Buf c = pool.acquire();
                Thread first = new Thread(() -> {
                    a.release();
                    b.release();
                });
                Thread second = new Thread(c::release);
                first.start();
                second.start();

                int drained = pool.drainReturns(); // the owner's turn, racing the releases
                boolean sleeps = fallsAsleep(pool, flag);
                int drainedBeforeSleep = drained;
                join(first);
                join(second);

                assertEquals(drained < RELEASED, pool.hasReturns(), "hasReturns with " + drained + " drained");
                drained += pool.drainReturns();
                assertEquals(RELEASED, drained, "chunks home through drainReturns");
                assertTrue(!pool.hasReturns());
                assertTrue(!sleeps || flag.woken || drainedBeforeSleep == RELEASED,
                    "the owner slept with a chunk on its return stack and no push woke it");
                PoolStats s = pool.stats();
                assertEquals(0, s.buffersInUse(), () -> "in use after every release: " + s);
                assertEquals(SLAB, s.buffersFree(), () -> "free list holds each chunk once: " + s);
            });
        } finally {
            pools.forEach(BufferPool::close);
        }
    }

    /**
     * EventLoop.iterate's fall into sleep: publish "sleeping", then re-check the return stack, since a push
     * before the flag was set found the owner awake and signalled nobody.
     */
    private static boolean fallsAsleep(BufferPool pool, SleepFlag flag) {
        flag.sleeping = true;
        return !pool.hasReturns();
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** EventLoop's sleep flag and its wakeup(): only a wake that finds the flag set counts. */
    private static final class SleepFlag {
        volatile boolean sleeping;
        volatile boolean woken;

        void wake() {
            if (sleeping) {
                woken = true;
            }
        }
    }

}
