package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// writeAscii writes one byte per char and writeDecimal matches Long.toString, all or nothing (see BufUtf8Test for
// non-ASCII text).
@Timeout(10)
class BufTextTest {
    @Test
    void shouldWriteAsciiAsSingleBytes() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            b.writeAscii("HTTP/1.1 200 OK\r\n").writeAscii(new StringBuilder("x"));
            assertEquals("HTTP/1.1 200 OK\r\nx", b.toAsciiString());
            assertEquals(18, b.writeIndex());
            b.release();
        }
    }

    @Test
    void shouldWriteDecimalEdgeValues() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            for (long v : new long[] {0, 7, -1, 10, -10, 99, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE}) {
                b.clear().writeDecimal(v);
                assertEquals(Long.toString(v), b.toAsciiString());
            }
            b.release();
        }
    }

    @Test
    void shouldWriteNothingWhenDecimalDoesNotFit() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            b.writeIndex(b.capacity() - 3);
            assertThrows(IndexOutOfBoundsException.class, () -> b.writeDecimal(-1234));
            assertThrows(IndexOutOfBoundsException.class, () -> b.writeDecimal(Long.MIN_VALUE));
            assertEquals(b.capacity() - 3, b.writeIndex());
            b.writeDecimal(-12);
            assertEquals("-12", b.readIndex(b.capacity() - 3).toAsciiString());
            b.release();
        }
    }

    @Property(tries = 300)
    void shouldMatchLongToString(@ForAll long value) {
        try (BufferPool pool = BufferPool.builder().bufferSize(4096).buffersPerSlab(1).jumbosPerSlab(1).build()) {
            Buf b = pool.acquire(32);
            assertEquals(Long.toString(value), b.writeDecimal(value).toAsciiString());
            b.release();
        }
    }
}
