package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

// Purpose: writeUtf8 writes exactly what String.getBytes(UTF_8) gives, all or nothing; writeAscii refuses a char it
// would have cut to its low byte, and writes nothing then.
class BufUtf8Test {
    @Property(tries = 300)
    void shouldEncodeLikeTheJdk(@ForAll String text) {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire(Math.max(1, text.length() * 4));
            b.writeUtf8(text);
            byte[] expected = text.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, b.toByteArray(), text);
            assertEquals(expected.length, Buf.utf8Length(text));
            assertEquals(new String(expected, StandardCharsets.UTF_8), b.toUtf8String());
            b.release();
        }
    }

    @Test
    void shouldEncodeEveryWidthAndALoneSurrogate() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            String text = "a\u00e9\u20ac\ud83d\ude00\ud800z"; // 1, 2, 3 and 4 bytes, then an unpaired surrogate
            b.writeUtf8(text);
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), b.toByteArray());
            assertEquals(1 + 2 + 3 + 4 + 1 + 1, b.readableBytes());
            b.release();
        }
    }

    @Test
    void shouldWriteNothingWhenTheTextDoesNotFit() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire(8);
            b.writeIndex(b.capacity() - 2);
            int before = b.writeIndex();
            assertThrows(IndexOutOfBoundsException.class, () -> b.writeUtf8("\u20ac"));
            assertEquals(before, b.writeIndex());
            b.release();
        }
    }

    @Test
    void shouldRefuseNonAsciiInAnAsciiWrite() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.writeAscii("caf\u00e9"));
            assertTrue(e.getMessage().contains("U+00E9") && e.getMessage().contains("index 3"), e.getMessage());
            assertEquals(0, b.writeIndex(), "nothing written");
            b.release();
        }
    }
}
