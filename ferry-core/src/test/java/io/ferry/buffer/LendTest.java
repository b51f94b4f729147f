package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Lent buffers go to their lender when their last view is released, on the owner thread; unlend returns them.
@Timeout(10)
class LendTest {
    /** A lender that records the ids it gets back and on which thread. */
    private static final class RecordingLender implements IntConsumer {
        final List<Integer> ids = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();

        @Override
        public void accept(int id) {
            ids.add(id);
            threads.add(Thread.currentThread());
        }
    }

    @Test
    void shouldSendBufferToItsLenderWhenLastViewIsReleased() {
        try (BufferPool pool = TestPools.small()) {
            RecordingLender lender = new RecordingLender();
            int[] lent = pool.lend(2, lender);
            assertEquals(2, pool.stats().lent());
            assertEquals(0, pool.stats().buffersInUse());

            Buf received = pool.viewLent(lent[0], 100);
            assertEquals(100, received.readableBytes());
            assertEquals(received.address(), pool.lentAddress(lent[0]));
            assertEquals(1, pool.stats().lentInUse());
            assertEquals(1, pool.stats().inUse(), "a handed-out lent buffer counts as in use");
            assertEquals(TestPools.BUFFER, pool.stats().bytesInUse());
            Buf body = received.readSlice(60);
            received.release();
            assertTrue(lender.ids.isEmpty(), "buffer went to the lender while a slice still used it");
            assertEquals(1, pool.stats().lentInUse(), "a slice keeps the lent buffer in use");
            body.release();
            assertEquals(List.of(lent[0]), lender.ids);
            assertEquals(0, pool.stats().inUse());

            pool.unlend(lent[0]);
            pool.unlend(lent[1]);
            assertEquals(0, pool.stats().lent());
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldDeliverForeignReleaseToTheLenderOnOwnerThread() throws InterruptedException {
        try (BufferPool pool = TestPools.small()) {
            pool.bindOwner(Thread.currentThread());
            RecordingLender lender = new RecordingLender();
            int id = pool.lend(1, lender)[0];
            Buf view = pool.viewLent(id, 16);
            Thread t = Thread.ofPlatform().start(view::release);
            t.join();
            assertTrue(lender.ids.isEmpty(), "lender called off the owner thread");
            assertEquals(1, pool.drainReturns());
            assertEquals(0, pool.stats().lentInUse());
            assertEquals(List.of(id), lender.ids);
            assertSame(Thread.currentThread(), lender.threads.getFirst());
            pool.unlend(id);
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldRefuseUnlendOfBufferInUseOrNotLent() {
        try (BufferPool pool = TestPools.small()) {
            int id = pool.lend(1, returned -> { })[0];
            Buf view = pool.viewLent(id, 0);
            var e = assertThrows(IllegalStateException.class, () -> pool.unlend(id));
            assertTrue(e.getMessage().contains("live views"), e.getMessage());
            view.release();
            pool.unlend(id);

            assertThrows(IllegalArgumentException.class, () -> pool.unlend(id), "unlent twice");
            assertThrows(IllegalArgumentException.class, () -> pool.viewLent(id, 0), "no longer lent");
            assertThrows(IllegalArgumentException.class, () -> pool.unlend(-1));
            TestPools.assertAllReturned(pool);
        }
    }
}
