package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Byte-array and buffer-to-buffer copies move exactly the requested range and the right indexes.
@Timeout(10)
class BufByteCopyTest {
    private static byte[] seq(int n) {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) (i * 7 + 1);
        }
        return a;
    }

    @Test
    void shouldCopyArrayRangesAbsolutely() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            byte[] src = seq(100);
            b.setBytes(10, src, 5, 50);
            byte[] dst = new byte[70];
            b.getBytes(10, dst, 20, 50);
            assertArrayEquals(java.util.Arrays.copyOfRange(src, 5, 55), java.util.Arrays.copyOfRange(dst, 20, 70));
            assertEquals(0, b.writeIndex());
            b.release();
        }
    }

    @Test
    void shouldCopyArraysRelatively() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            byte[] src = seq(300);
            b.writeBytes(src).writeBytes(src, 100, 10);
            assertEquals(310, b.writeIndex());
            byte[] head = new byte[300];
            b.readBytes(head, 0, 300);
            assertArrayEquals(src, head);
            assertArrayEquals(java.util.Arrays.copyOfRange(src, 100, 110), b.toByteArray());
            b.release();
        }
    }

    @Test
    void shouldCopyReadableBytesBetweenBuffers() {
        try (BufferPool pool = TestPools.small()) {
            Buf src = pool.acquire().writeBytes(seq(40));
            src.skip(8);
            Buf dst = pool.acquire(TestPools.JUMBO).writeByte(9);
            dst.writeBytes(src);
            assertEquals(40, src.readIndex());
            assertEquals(33, dst.writeIndex());
            assertEquals(9, dst.readByte());
            assertArrayEquals(java.util.Arrays.copyOfRange(seq(40), 8, 40), dst.toByteArray());
            src.release();
            dst.release();
        }
    }

    @Test
    void shouldCopyOverlappingRangesWithinOneBuffer() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire().writeBytes(seq(20));
            b.setBytes(5, b, 0, 10);
            byte[] expected = seq(20);
            System.arraycopy(seq(20), 0, expected, 5, 10);
            assertArrayEquals(expected, b.toByteArray());
            b.release();
        }
    }
}
