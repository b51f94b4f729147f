package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// A size class grows slab by slab up to its cap, then fails fast with PoolExhaustedException (never blocks).
@Timeout(10)
class SlabGrowthTest {
    @Test
    void shouldGrowBySlabsUpToCapThenThrow() {
        try (BufferPool pool = BufferPool.builder().bufferSize(4096).buffersPerSlab(4).bufferCap(10).build()) {
            List<Buf> held = new ArrayList<>();
            assertEquals(1, pool.stats().slabs());
            for (int i = 0; i < 10; i++) {
                held.add(pool.acquire());
            }
            assertEquals(3, pool.stats().slabs());
            assertEquals(10L * 4096, pool.stats().reservedBytes() - (long) pool.jumboSize() * 8);

            PoolExhaustedException e = assertThrows(PoolExhaustedException.class, pool::acquire);
            assertTrue(e.getMessage().contains("cap 10"), e.getMessage());
            assertTrue(e.getMessage().contains("bufferCap"), e.getMessage());
            assertEquals(10, pool.stats().buffersInUse());

            held.removeFirst().release();
            held.add(pool.acquire());
            held.forEach(Buf::release);
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldNameJumboCapWhenJumboBuffersRunOut() {
        try (BufferPool pool = BufferPool.builder().bufferSize(4096).jumboSize(8192).jumbosPerSlab(1).jumboCap(2)
            .build()) {
            Buf a = pool.acquire(8192);
            Buf b = pool.acquire(8192);
            PoolExhaustedException e = assertThrows(PoolExhaustedException.class, () -> pool.acquire(8192));
            assertTrue(e.getMessage().contains("jumboCap"), e.getMessage());
            a.release();
            b.release();
            TestPools.assertAllReturned(pool);
        }
    }
}
