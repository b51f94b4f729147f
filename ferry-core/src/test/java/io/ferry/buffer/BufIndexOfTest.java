package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// indexOf finds the first matching byte within [from, to) and nothing outside it.
@Timeout(10)
class BufIndexOfTest {
    @Test
    void shouldFindFirstMatchInRange() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire().writeAscii("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(14, b.indexOf(0, b.writeIndex(), (byte) '\r'));
            assertEquals(23, b.indexOf(15, b.writeIndex(), (byte) '\r'));
            assertEquals(-1, b.indexOf(0, 14, (byte) '\r'));
            assertEquals(-1, b.indexOf(5, 5, (byte) 'G'));
            assertEquals(0, b.indexOf(0, 1, (byte) 'G'));
            b.release();
        }
    }

    @Test
    void shouldRejectRangeOutsideCapacity() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            assertThrows(IndexOutOfBoundsException.class, () -> b.indexOf(0, b.capacity() + 1, (byte) 0));
            assertThrows(IndexOutOfBoundsException.class, () -> b.indexOf(10, 5, (byte) 0));
            assertThrows(IndexOutOfBoundsException.class, () -> b.indexOf(-1, 5, (byte) 0));
            b.release();
        }
    }
}
