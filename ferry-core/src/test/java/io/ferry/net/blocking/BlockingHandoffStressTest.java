package io.ferry.net.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.internal.PoolAccess;
import io.ferry.loop.EventLoop;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded stress of the blocking sockets' wake-ups with real parks, on a real loop (java.nio backend) and a
 * {@link RecordingConnection}: the loop side runs as tasks on the loop, the other side on platform threads
 * or on virtual threads the loop carries. A lost wake-up leaves a thread parked for good, which the bounded
 * waits turn into a failure naming the seed. The model-checked tests cannot see these (Lincheck's parks may
 * return spuriously). Replay with {@code -Dferry.test.seed=S}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BlockingHandoffStressTest {
    private static final long WAIT_SECONDS = 10;
    private static Ferry ferry;
    private static EventLoop loop;
    private final long seed = Long.getLong("ferry.test.seed", System.nanoTime());
    private final Random random = new Random(seed);

    @BeforeAll
    static void start() throws Exception {
        ferry = Ferry.builder().backend(BackendKind.NIO).loops(1).build();
        loop = ferry.loops().get(0);
    }

    @AfterAll
    static void stop() {
        ferry.close();
    }

    /** A bridge opened on the loop over a recording connection; its requests go through the loop's queue. */
    private static SocketBridge open(RecordingConnection c, long low, long high) {
        SocketBridge bridge = new SocketBridge(low, high, null);
        loop.await(() -> {
            bridge.onOpen(c);
            return null;
        });
        return bridge;
    }

    @Test
    void shouldWakeTheReaderForEveryBufferInOrder() throws Exception {
        for (int round = 0; round < 150; round++) {
            RecordingConnection c = new RecordingConnection(loop);
            SocketBridge bridge = open(c, 16, 64); // pauses and resumes reading every few buffers
            int items = 1 + random.nextInt(40);
            List<Integer> got = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            start(() -> {
                for (Buf b; (b = bridge.inbox().take(0)) != null; ) {
                    got.add(b.readInt());
                    b.release();
                }
            }, done);
            for (int i = 0; i < items; i++) {
                int id = i;
                spin(random.nextInt(4) == 0 ? random.nextInt(20_000) : 0);
                loop.execute(() -> bridge.onData(c, loop.pool().acquire().writeInt(id)));
            }
            loop.execute(() -> bridge.onInputClosed(c));
            await(done, "reader parked for good after " + got.size() + " of " + items + " buffers");
            for (int i = 0; i < items; i++) {
                assertEquals(i, got.get(i), "delivery order (seed " + seed + ")");
            }
            assertEquals(items, got.size());
            assertEventually(() -> !loop.await(c::readingPaused), "reading left paused with the inbox drained");
        }
        assertEventually(() -> loop.await(() -> loop.pool().stats().buffersInUse()) == 0, "buffers not home");
    }

    // One buffer at a time against a reader that takes it and parks again at once. This thread plays the
    // loop (the inbox's single producer) and stays hot, so each offer lands at a random point of the reader's
    // way into park, within tens of nanoseconds: the window between its last check and its arming gets hit.
    @Test
    void shouldWakeAReaderRacingEachBuffer() throws Exception {
        SocketBridge bridge = new SocketBridge(1 << 16, 1 << 20, null); // no loop: its requests only set bits
        AtomicInteger taken = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (BufferPool pool = BufferPool.builder().bufferSize(4096).buffersPerSlab(64).bufferCap(64).build()) {
            PoolAccess.bindOwner(pool, Thread.currentThread());
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (Buf b; (b = bridge.inbox().take(0)) != null; ) {
                        int id = b.readInt();
                        b.release();
                        if (id != taken.get()) {
                            throw new AssertionError("took " + id + " for " + taken.get());
                        }
                        taken.incrementAndGet();
                    }
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            long budgetEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            for (int i = 0; i < 1_000_000 && System.nanoTime() - budgetEnd < 0; i++) {
                Buf b = pool.acquire().writeInt(i);
                for (int pause = random.nextInt(64); pause > 0; pause--) {
                    Thread.onSpinWait(); // tens of nanoseconds: the reader is on its way into park now
                }
                bridge.inbox().offer(b);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                while (taken.get() <= i) {
                    if (done.isDone() || System.nanoTime() - end > 0) {
                        fail("reader parked for good with buffer " + i + " queued (seed " + seed + ")");
                    }
                    Thread.onSpinWait();
                }
                PoolAccess.drainReturns(pool);
            }
            bridge.inbox().finish(null);
            await(done, "reader parked for good at end of stream");
            PoolAccess.drainReturns(pool);
        }
    }

    // The same race on the writing side: a writer that parks for room after every put (high watermark below
    // one buffer) against this thread draining as the loop would, hot, a few tens of nanoseconds after the put.
    @Test
    void shouldWakeAWriterRacingEachDrain() throws Exception {
        SocketBridge bridge = new SocketBridge(0, 1, null); // no loop: DRAIN requests only set bits
        RecordingConnection c = new RecordingConnection(null);
        Stop stop = new Stop();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try (BufferPool pool = BufferPool.builder().bufferSize(4096).buffersPerSlab(64).bufferCap(64).build()) {
            Thread writer = Thread.ofPlatform().daemon().unstarted(() -> {
                try {
                    for (int i = 0; !stop.set; i++) {
                        PoolAccess.drainReturns(pool);
                        bridge.outbox().put(pool.acquire().writeInt(i), 0);
                    }
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            PoolAccess.bindOwner(pool, writer);
            writer.start();
            long budgetEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            long lastProgress = System.nanoTime();
            int seen = 0;
            while (!done.isDone()) {
                if (System.nanoTime() - budgetEnd > 0) {
                    stop.set = true;
                }
                if (bridge.outbox().pendingBytes() > 0) {
                    for (int pause = random.nextInt(64); pause > 0; pause--) {
                        Thread.onSpinWait();
                    }
                    bridge.outbox().drainTo(c);
                }
                if (c.written.size() != seen) {
                    seen = c.written.size();
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(WAIT_SECONDS)) {
                    fail("writer parked for good after " + seen + " buffers, room free (seed " + seed + ")");
                }
            }
            done.get();
            writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            bridge.outbox().drainTo(c);
            for (int i = 0; i < c.written.size(); i++) {
                if (c.written.get(i) != i) {
                    fail("buffer " + i + " arrived as " + c.written.get(i) + " (seed " + seed + ")");
                }
            }
            assertTrue(seen > 0);
            assertEventually(() -> {
                PoolAccess.drainReturns(pool); // the writer has ended: this thread may stand in for the owner now
                return pool.stats().buffersInUse() == 0;
            }, "buffers not home");
        }
    }

    /** Tells the writer to stop. */
    private static final class Stop {
        volatile boolean set;
    }

    @Test
    void shouldWakeAParkedReaderOnClose() throws Exception {
        for (int round = 0; round < 300; round++) {
            RecordingConnection c = new RecordingConnection(loop);
            SocketBridge bridge = open(c, 1 << 16, 1 << 20);
            CompletableFuture<Void> done = new CompletableFuture<>();
            start(() -> {
                try {
                    for (Buf b; (b = bridge.inbox().take(0)) != null; ) {
                        b.release();
                    }
                    throw new AssertionError("end of stream, yet nobody finished the inbox");
                } catch (SocketException expected) {
                    // woken by the close
                }
            }, done);
            int before = random.nextInt(3);
            for (int i = 0; i < before; i++) {
                loop.execute(() -> bridge.onData(c, loop.pool().acquire().writeInt(0)));
            }
            spin(random.nextInt(50_000));
            loop.execute(() -> bridge.onData(c, loop.pool().acquire().writeInt(1)));
            bridge.socket().close();
            await(done, "a reader parked while its socket closed never woke");
        }
        assertEventually(() -> loop.await(() -> loop.pool().stats().buffersInUse()) == 0,
            "buffers that raced a close never came home");
    }

    @Test
    void shouldLetAWriterThroughBackpressure() throws Exception {
        for (int round = 0; round < 20; round++) {
            RecordingConnection c = new RecordingConnection(loop);
            SocketBridge bridge = open(c, 4096, 8192); // the writer parks for room or memory every other buffer
            int ints = 1 + random.nextInt(20_000);
            CompletableFuture<Void> done = new CompletableFuture<>();
            long writerSeed = random.nextLong();
            start(() -> {
                Random r = new Random(writerSeed);
                for (int next = 0; next < ints; ) {
                    int n = Math.min(ints - next, 1 + r.nextInt(2048));
                    ByteBuffer chunk = ByteBuffer.allocate(n * 4);
                    for (int i = 0; i < n; i++) {
                        chunk.putInt(next++);
                    }
                    bridge.outbox().write(chunk.array(), 0, chunk.capacity(), 0);
                }
                bridge.outbox().flush(0);
            }, done);
            await(done, "writer parked for good");
            assertEventually(() -> c.written.size() >= ints, "written " + c.written.size() + " of " + ints + " ints");
            for (int i = 0; i < ints; i++) {
                if (c.written.get(i) != i) {
                    fail("int " + i + " arrived as " + c.written.get(i) + " (seed " + seed + ")");
                }
            }
            assertEquals(ints, c.written.size());
            bridge.socket().close();
        }
        assertEventually(() -> loop.await(() -> loop.pool().stats().buffersInUse()) == 0, "leases not home");
    }

    // Several threads request at once; only the one that finds the word empty queues the bridge. Each waits
    // for the loop to carry its request out: a request left in the word with nothing queued hangs it.
    @Test
    void shouldCarryOutEveryRequestOnTheLoop() throws Exception {
        RecordingConnection c = new RecordingConnection(loop);
        SocketBridge bridge = open(c, 1 << 16, 1 << 20);
        int[] bits = {SocketBridge.DRAIN, SocketBridge.SHUTDOWN, SocketBridge.CLOSE};
        AtomicInteger[] counters = {c.flushes, c.shutdowns, c.closes};
        AtomicInteger[] requested = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long threadSeed = random.nextLong();
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                Random r = new Random(threadSeed);
                awaitQuietly(go);
                for (int i = 0; i < 300 && failures.isEmpty(); i++) {
                    int k = r.nextInt(bits.length);
                    int before = counters[k].get();
                    requested[k].incrementAndGet();
                    bridge.request(bits[k]);
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                    while (counters[k].get() == before) {
                        if (System.nanoTime() - end > 0) {
                            failures.add("request " + bits[k] + " never carried out (seed " + seed + ")");
                            return;
                        }
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(t.isAlive(), "requester still running (seed " + seed + ")");
        }
        assertTrue(failures.isEmpty(), failures::toString);
        loop.await(() -> null); // the last queued run is done
        assertTrue(c.shutdowns.get() <= requested[1].get(), "a SHUTDOWN carried out twice");
        assertTrue(c.closes.get() <= requested[2].get(), "a CLOSE carried out twice");
    }

    /** A body that may throw, run on a platform thread or on a virtual thread the loop carries (by seed). */
    private interface Body {
        void run() throws Exception;
    }

    private void start(Body body, CompletableFuture<Void> done) {
        Runnable r = () -> {
            try {
                body.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        };
        if (random.nextBoolean()) {
            loop.virtualThreads().newThread(r).start();
        } else {
            Thread.ofPlatform().daemon().start(r);
        }
    }

    private void await(CompletableFuture<Void> done, String what) throws Exception {
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail(what + " (seed " + seed + ")");
        }
    }

    private void assertEventually(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail(what + " (seed " + seed + ")");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
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
