package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// acquire(size) picks a fixed buffer when it fits, else a jumbo buffer, else a page-rounded dedicated allocation.
@Timeout(10)
class SizeSelectionTest {
    @Test
    void shouldUseFixedBufferUpToBufferSize() {
        try (BufferPool pool = TestPools.small()) {
            for (int size : new int[] {0, 1, TestPools.BUFFER}) {
                Buf b = pool.acquire(size);
                assertEquals(TestPools.BUFFER, b.capacity());
                assertEquals(1, pool.stats().buffersInUse());
                assertEquals(0, b.readIndex());
                assertEquals(0, b.writeIndex());
                b.release();
            }
        }
    }

    @Test
    void shouldUseJumboBufferAboveBufferSize() {
        try (BufferPool pool = TestPools.small()) {
            for (int size : new int[] {TestPools.BUFFER + 1, TestPools.JUMBO}) {
                Buf b = pool.acquire(size);
                assertEquals(TestPools.JUMBO, b.capacity());
                assertEquals(1, pool.stats().jumbosInUse());
                b.release();
            }
        }
    }

    @Test
    void shouldUseDedicatedPageRoundedAllocationAboveJumboSize() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire(TestPools.JUMBO + 1);
            assertEquals(TestPools.JUMBO + BufferPool.PAGE_SIZE, b.capacity());
            assertEquals(1, pool.stats().dedicatedInUse());
            assertEquals(b.capacity(), pool.stats().dedicatedBytes());
            assertEquals(0, b.address() % BufferPool.PAGE_SIZE);
            b.release();
            assertEquals(0, pool.stats().dedicatedBytes());
        }
    }

    @Test
    void shouldAlignPooledBuffersToPages() {
        try (BufferPool pool = TestPools.small()) {
            Buf fixed = pool.acquire();
            Buf jumbo = pool.acquire(TestPools.JUMBO);
            assertEquals(0, fixed.address() % BufferPool.PAGE_SIZE);
            assertEquals(0, jumbo.address() % BufferPool.PAGE_SIZE);
            fixed.release();
            jumbo.release();
        }
    }

    @Test
    void shouldRejectNegativeCapacity() {
        try (BufferPool pool = TestPools.small()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.acquire(-1));
            assertTrue(e.getMessage().contains("-1"), e.getMessage());
            TestPools.assertAllReturned(pool);
        }
    }
}
