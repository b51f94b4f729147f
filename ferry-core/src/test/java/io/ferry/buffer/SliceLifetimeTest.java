package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Slices share bytes with their parent and keep the storage alive until the last view is released.
@Timeout(10)
class SliceLifetimeTest {
    @Test
    void shouldShareBytesBothWays() {
        try (BufferPool pool = TestPools.small()) {
            Buf parent = pool.acquire().writeAscii("hello world");
            Buf slice = parent.slice(6, 5);
            assertEquals("world", slice.toAsciiString());
            assertEquals(0, slice.readIndex());
            assertEquals(5, slice.writeIndex());
            assertEquals(5, slice.capacity());
            assertEquals(parent.address() + 6, slice.address());
            assertTrue(parent.sharesStorageWith(slice));

            slice.setByte(0, 'W');
            assertEquals("hello World", parent.toAsciiString());
            parent.setByte(10, 'D');
            assertEquals("WorlD", slice.toAsciiString());
            assertThrows(IndexOutOfBoundsException.class, () -> slice.getByte(5));
            slice.release();
            parent.release();
        }
    }

    @Test
    void shouldFreeStorageOnlyWhenLastViewIsReleased() {
        try (BufferPool pool = TestPools.small()) {
            Buf parent = pool.acquire().writeAscii("abcdef");
            Buf slice = parent.slice(1, 4);
            Buf sliceOfSlice = slice.slice(1, 2).retain();
            assertEquals(1, slice.refCnt());
            assertEquals(2, sliceOfSlice.refCnt());

            parent.release();
            assertEquals(1, pool.stats().buffersInUse());
            assertEquals("bcde", slice.toAsciiString());
            slice.release();
            assertEquals(1, pool.stats().buffersInUse());
            sliceOfSlice.release();
            assertEquals(1, pool.stats().buffersInUse());
            assertEquals("cd", sliceOfSlice.toAsciiString());
            sliceOfSlice.release();
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldReadSliceAndAdvance() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire().writeAscii("key=value;");
            Buf key = b.readSlice(3);
            b.skip(1);
            Buf value = b.readSlice(5);
            assertEquals("key", key.toAsciiString());
            assertEquals("value", value.toAsciiString());
            assertEquals(9, b.readIndex());
            assertThrows(IndexOutOfBoundsException.class, () -> b.readSlice(2));
            assertEquals(9, b.readIndex());
            b.release();
            assertEquals(1, pool.stats().buffersInUse());
            key.release();
            value.release();
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldFreeDedicatedStorageWithItsLastView() {
        try (BufferPool pool = TestPools.small()) {
            Buf big = pool.acquire(TestPools.JUMBO * 2);
            Buf tail = big.slice(TestPools.JUMBO, 16);
            big.release();
            assertEquals(1, pool.stats().dedicatedInUse());
            tail.setLong(8, 42);
            tail.release();
            TestPools.assertAllReturned(pool);
        }
    }
}
