package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Accesses outside a view, or past its indexes, throw IndexOutOfBoundsException and change nothing.
@Timeout(10)
class BoundsCheckTest {
    @Test
    void shouldRejectAbsoluteAccessOutsideCapacity() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            int cap = b.capacity();
            assertThrows(IndexOutOfBoundsException.class, () -> b.getByte(cap));
            assertThrows(IndexOutOfBoundsException.class, () -> b.getByte(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> b.setShort(cap - 1, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> b.getInt(cap - 3));
            assertThrows(IndexOutOfBoundsException.class, () -> b.setLongLE(cap - 7, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> b.getBytes(0, new byte[10], 0, cap + 1));
            assertThrows(IndexOutOfBoundsException.class, () -> b.setBytes(cap - 1, new byte[2], 0, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> b.slice(1, cap));
            assertThrows(IndexOutOfBoundsException.class, () -> b.slice(0, -1));
            b.release();
        }
    }

    @Test
    void shouldRejectRelativeAccessPastIndexes() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire(16);
            b.writeInt(7);
            assertThrows(IndexOutOfBoundsException.class, b::readLong);
            assertEquals(0, b.readIndex());
            assertThrows(IndexOutOfBoundsException.class, () -> b.readBytes(new byte[8], 0, -1));
            assertEquals(0, b.readIndex());
            b.writeIndex(b.capacity() - 2);
            assertThrows(IndexOutOfBoundsException.class, () -> b.writeInt(1));
            assertThrows(IndexOutOfBoundsException.class, () -> b.writeAscii("abc"));
            assertThrows(IndexOutOfBoundsException.class, () -> b.writeBytes(new byte[4], 0, -1));
            assertEquals(b.capacity() - 2, b.writeIndex());
            b.release();
        }
    }

    @Test
    void shouldKeepIndexesOrdered() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire().writeAscii("abcd");
            assertThrows(IndexOutOfBoundsException.class, () -> b.readIndex(5));
            assertThrows(IndexOutOfBoundsException.class, () -> b.readIndex(-1));
            b.readIndex(2);
            assertThrows(IndexOutOfBoundsException.class, () -> b.writeIndex(1));
            assertThrows(IndexOutOfBoundsException.class, () -> b.writeIndex(b.capacity() + 1));
            assertThrows(IndexOutOfBoundsException.class, () -> b.skip(3));
            assertEquals("cd", b.toAsciiString());
            b.release();
        }
    }
}
