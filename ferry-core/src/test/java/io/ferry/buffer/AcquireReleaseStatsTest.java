package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Acquiring moves buffers from free to in-use in the stats; releasing moves them back to the baseline.
@Timeout(10)
class AcquireReleaseStatsTest {
    @Test
    void shouldCountAcquiredBuffersAndReturnToBaselineOnRelease() {
        try (BufferPool pool = TestPools.small()) {
            PoolStats baseline = pool.stats();
            List<Buf> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                held.add(pool.acquire());
            }
            held.add(pool.acquire(TestPools.JUMBO));
            held.add(pool.acquire(TestPools.JUMBO + 1));

            PoolStats busy = pool.stats();
            assertEquals(5, busy.buffersInUse());
            assertEquals(baseline.buffersFree() - 5, busy.buffersFree());
            assertEquals(1, busy.jumbosInUse());
            assertEquals(1, busy.dedicatedInUse());
            assertEquals(7, busy.inUse());

            held.forEach(Buf::release);
            assertEquals(baseline, pool.stats());
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldReuseReleasedStorageWithoutGrowing() {
        try (BufferPool pool = TestPools.small()) {
            int slabs = pool.stats().slabs();
            for (int i = 0; i < 10_000; i++) {
                pool.acquire().release();
            }
            assertEquals(slabs, pool.stats().slabs());
            TestPools.assertAllReturned(pool);
        }
    }
}
