package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: memory a burst took is given back. trim() frees the grown slabs a burst left entirely free, but keeps
// what the busiest moment since the previous trim needed plus one slab, so steady load does not thrash; the
// first slab, partly used slabs and lent buffers are never freed, and a pool that grows again after a trim
// hands out distinct buffers with ids that still fit the provided-buffer ring.
@Timeout(10)
class PoolTrimTest {
    private static final int PER_SLAB = 8;
    private static final long SLAB = (long) PER_SLAB * TestPools.BUFFER;

    @Test
    void shouldGiveBackWhatABurstLeftFreeOnceTheBurstIsOverForAWholeInterval() {
        try (BufferPool pool = TestPools.small()) {
            long steady = pool.stats().reservedBytes();
            releaseAll(acquire(pool, 5 * PER_SLAB));
            assertEquals(steady + 4 * SLAB, pool.stats().reservedBytes(), "the burst grew four slabs");

            assertEquals(0, pool.trim(), "the interval that saw the burst keeps its peak (hysteresis)");
            assertEquals(4 * SLAB, pool.trim(), "a quiet interval frees what the burst grew");
            assertEquals(steady, pool.stats().reservedBytes());
            assertEquals(1, pool.stats().slabs());
            assertEquals(0, pool.trim(), "the first slab stays");
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldKeepWhatSteadyLoadUses() {
        try (BufferPool pool = TestPools.small()) {
            List<Buf> held = acquire(pool, 2 * PER_SLAB + PER_SLAB / 2);
            long reserved = pool.stats().reservedBytes();
            for (int i = 0; i < 3; i++) {
                assertEquals(0, pool.trim());
                releaseAll(acquire(pool, PER_SLAB / 2)); // some churn on top
            }
            assertEquals(reserved, pool.stats().reservedBytes());
            releaseAll(held);
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldNeverFreeASlabThatStillHoldsABufferOrALentOne() {
        try (BufferPool pool = TestPools.small()) {
            List<Buf> burst = acquire(pool, 3 * PER_SLAB);
            Buf pinned = burst.remove(burst.size() - 1); // the last buffer taken: from the newest slab
            releaseAll(burst);
            int lentId = pool.lend(1, id -> { })[0];
            pool.trim();
            pool.trim();
            pool.trim();
            assertEquals(2, pool.stats().slabs(), "the first slab and the pinned buffer's slab stay");
            assertEquals(1, pool.stats().lent());
            pinned.setByte(0, 42); // still valid memory
            assertEquals(42, pinned.getByte(0));
            pinned.release();
            pool.unlend(lentId);
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldGrowAgainAfterATrimWithDistinctBuffersAndIds() {
        try (BufferPool pool = TestPools.small()) {
            for (int round = 0; round < 3; round++) {
                List<Buf> burst = acquire(pool, 4 * PER_SLAB);
                Set<Long> addresses = new HashSet<>();
                burst.forEach(b -> addresses.add(b.address()));
                assertEquals(burst.size(), addresses.size(), "two live buffers share memory");
                releaseAll(burst);
                pool.trim();
                pool.trim();
                pool.trim();
                assertEquals(1, pool.stats().slabs());
            }
            int[] ids = pool.lend(3 * PER_SLAB, id -> { });
            Set<Integer> distinct = new HashSet<>();
            for (int id : ids) {
                assertTrue(id >= 0 && id < 256, "id " + id + " outside the cap");
                distinct.add(id);
                pool.unlend(id);
            }
            assertEquals(ids.length, distinct.size(), "lent ids repeat");
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldTrimJumboBuffersToo() {
        try (BufferPool pool = TestPools.small()) {
            long steady = pool.stats().reservedBytes();
            List<Buf> jumbos = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                jumbos.add(pool.acquire(TestPools.JUMBO));
            }
            releaseAll(jumbos);
            pool.trim();
            pool.trim();
            pool.trim();
            assertEquals(steady, pool.stats().reservedBytes());
            TestPools.assertAllReturned(pool);
        }
    }

    private static List<Buf> acquire(BufferPool pool, int count) {
        List<Buf> held = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            held.add(pool.acquire());
        }
        return held;
    }

    private static void releaseAll(List<Buf> bufs) {
        bufs.forEach(Buf::release);
        bufs.clear();
    }
}
