package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Lent chunks go to their custom home when their last view is released, on the owner thread; unlend returns them.
@Timeout(10)
class LendTest {
    /** A home that records what it receives and on which thread. */
    private static final class RecordingHome implements ChunkHome {
        final List<Chunk> chunks = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();

        @Override
        public void returned(Chunk chunk) {
            chunks.add(chunk);
            threads.add(Thread.currentThread());
        }
    }

    @Test
    void shouldSendChunkHomeWhenLastViewIsReleased() {
        try (BufferPool pool = TestPools.small()) {
            RecordingHome home = new RecordingHome();
            Chunk[] lent = pool.lend(2, home);
            assertEquals(2, pool.stats().lent());
            assertEquals(0, pool.stats().buffersInUse());

            Buf received = pool.view(lent[0], 0, lent[0].capacity(), 100);
            assertEquals(100, received.readableBytes());
            assertEquals(1, pool.stats().lentInUse());
            assertEquals(1, pool.stats().inUse(), "a handed-out lent buffer counts as in use");
            assertEquals(TestPools.BUFFER, pool.stats().bytesInUse());
            Buf body = received.readSlice(60);
            received.release();
            assertTrue(home.chunks.isEmpty(), "chunk went home while a slice still used it");
            assertEquals(1, pool.stats().lentInUse(), "a slice keeps the lent buffer in use");
            body.release();
            assertEquals(List.of(lent[0]), home.chunks);
            assertEquals(0, pool.stats().inUse());

            pool.unlend(lent[0]);
            pool.unlend(lent[1]);
            assertEquals(0, pool.stats().lent());
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldDeliverForeignReleaseToHomeOnOwnerThread() throws InterruptedException {
        try (BufferPool pool = TestPools.small()) {
            pool.bindOwner(Thread.currentThread());
            RecordingHome home = new RecordingHome();
            Chunk chunk = pool.lend(1, home)[0];
            Buf view = pool.view(chunk, 0, 16, 16);
            Thread t = Thread.ofPlatform().start(view::release);
            t.join();
            assertTrue(home.chunks.isEmpty(), "home called off the owner thread");
            assertEquals(1, pool.drainReturns());
            assertEquals(0, pool.stats().lentInUse());
            assertEquals(List.of(chunk), home.chunks);
            assertSame(Thread.currentThread(), home.threads.getFirst());
            pool.unlend(chunk);
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldRefuseUnlendOfChunkInUseOrNotLent() {
        try (BufferPool pool = TestPools.small()) {
            Chunk chunk = pool.lend(1, c -> { })[0];
            Buf view = pool.view(chunk, 0, 8, 0);
            var e = assertThrows(IllegalStateException.class, () -> pool.unlend(chunk));
            assertTrue(e.getMessage().contains("live views"), e.getMessage());
            view.release();
            pool.unlend(chunk);

            Buf plain = pool.acquire();
            Chunk notLent = plain.chunk();
            plain.release();
            assertThrows(IllegalArgumentException.class, () -> pool.unlend(notLent));
            assertThrows(IllegalArgumentException.class, () -> pool.unlend(chunk));
            TestPools.assertAllReturned(pool);
        }
    }
}
