package io.ferry.net.blocking;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.internal.PoolAccess;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded stress, with real parks, of a writer parked on a connection that stays full while the runtime shuts down
 * or the socket is closed: what {@link OutboxWakeLinearizabilityTest} cannot see, a lost wake-up (the writer
 * parked for good), and a drain-and-wake cycle between writer and loop (requests that keep coming while nothing
 * moves). This thread plays the loop, carrying out only the requests it is handed, for a random while, then
 * ends writing one of four ways at a random point of the writer's way into park. Replay with
 * {@code -Dferry.test.seed=S}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboxShutdownStressTest {
    private static final int ROUNDS = 2_000;
    private static final long BUDGET_SECONDS = 6;
    private static final long WAIT_SECONDS = 10;
    /** Requests three puts may hand the loop: see {@link OutboxWakeLinearizabilityTest}. */
    private static final int MAX_RUNS = 6;
    private final long seed = Long.getLong("ferry.test.seed", System.nanoTime());
    private final Random random = new Random(seed);

    @Test
    void shouldEndAWriterParkedOnAFullConnectionWhicheverWayWritingEnds() throws Exception {
        try (BufferPool pool = BufferPool.builder().bufferSize(4096).buffersPerSlab(8).bufferCap(8).build()) {
            PoolAccess.bindOwner(pool, Thread.currentThread());
            long budgetEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(BUDGET_SECONDS);
            for (int round = 0; round < ROUNDS && System.nanoTime() - budgetEnd < 0; round++) {
                round(pool, round);
                PoolAccess.drainReturns(pool);
                assertTrue(pool.stats().buffersInUse() == 0, "round " + round + ": a buffer never came home (seed "
                    + seed + ")");
            }
        }
    }

    private void round(BufferPool pool, int round) throws Exception {
        SocketBridge bridge = new SocketBridge(0, 1, null);
        RecordingConnection c = new RecordingConnection(null);
        c.writable = false; // the peer never reads
        bridge.onOpen(c);
        List<Buf> bufs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bufs.add(pool.acquire().writeInt(i));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (!bufs.isEmpty()) {
                    bridge.outbox().put(bufs.removeFirst(), 0); // takes ownership, even when it throws
                }
                done.completeExceptionally(new AssertionError("every put found room on a full connection"));
            } catch (SocketException expected) {
                bufs.forEach(Buf::release);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });

        int runs = 0;
        long loopEnd = System.nanoTime() + random.nextInt(300_000);
        while (System.nanoTime() - loopEnd < 0) {
            if (Models.pendingRequests(bridge) != 0) {
                bridge.run();
                if (++runs > MAX_RUNS) {
                    bridge.socket().abort(); // lets the writer go before failing
                    bridge.run();
                    fail("round " + round + ": the loop was handed " + runs + " requests for three puts: writer and"
                        + " loop keep each other busy on a full connection (seed " + seed + ")");
                }
            }
        }
        int way = random.nextInt(4);
        switch (way) {
            case 0 -> { // the runtime's shutdown closes the connection at once
                c.open = false;
                bridge.onClose(c, null);
            }
            case 1 -> { // the connection is closing when a drain comes; its onClose comes later
                c.open = false;
                bridge.outbox().drainTo(c);
            }
            case 2 -> bridge.socket().close(); // the user closes from another thread (this one)
            default -> bridge.socket().abort();
        }
        bridge.run();
        try {
            done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("round " + round + ": the writer stayed parked after ending way " + way + " (seed " + seed + ")");
        } catch (ExecutionException e) {
            throw new AssertionError("round " + round + ", way " + way + " (seed " + seed + ")", e.getCause());
        }
        c.open = false;
        bridge.onClose(c, null); // the connection's close completes
        bridge.run();
        assertTrue(c.written.size() <= 1, () -> "round " + round + ": " + c.written + " written: a put after the"
            + " first got past the full connection (seed " + seed + ")");
    }
}
