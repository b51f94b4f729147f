package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// nioBuffer positions the storage's shared ByteBuffer over exactly the requested range of the view.
@Timeout(10)
class NioBufferTest {
    @Test
    void shouldPositionOverRequestedRange() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire().writeAscii("0123456789");
            ByteBuffer bb = b.nioBuffer(2, 5);
            assertEquals(2, bb.position());
            assertEquals(7, bb.limit());
            assertEquals(TestPools.BUFFER, bb.capacity());
            assertEquals('2', bb.get());
            b.release();
        }
    }

    @Test
    void shouldOffsetBySliceBase() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire().writeAscii("0123456789");
            Buf s = b.slice(4, 6);
            ByteBuffer bb = s.nioBuffer(1, 3);
            assertEquals(5, bb.position());
            assertEquals(8, bb.limit());
            bb.put((byte) 'x');
            assertEquals("01234x6789", b.toAsciiString());
            s.release();
            b.release();
        }
    }

    @Test
    void shouldWriteThroughIntoTheView() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            ByteBuffer bb = b.nioBuffer(0, 3);
            bb.put((byte) 'a').put((byte) 'b').put((byte) 'c');
            b.writeIndex(3);
            assertEquals("abc", b.toAsciiString());
            assertThrows(IndexOutOfBoundsException.class, () -> b.nioBuffer(TestPools.BUFFER - 2, 3));
            b.release();
        }
    }
}
