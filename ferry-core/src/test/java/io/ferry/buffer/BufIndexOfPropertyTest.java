package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

// Purpose: indexOf, which scans a word at a time, finds exactly what a byte-by-byte scan finds, for any bytes
// (including 0x00, 0x7f, 0x80 and 0xff, where a word trick's borrows and sign bits could mislead it), any value,
// any alignment of the range and any length, including ranges shorter than a word and their tails.
class BufIndexOfPropertyTest {
    @Property(tries = 2000)
    void shouldFindWhatAByteByByteScanFinds(@ForAll("contents") byte[] bytes, @ForAll("tricky") byte value,
                                            @ForAll @IntRange(min = 0, max = 40) int fromPick,
                                            @ForAll @IntRange(min = 0, max = 40) int toPick) {
        int from = Math.min(fromPick, bytes.length);
        int to = from + Math.min(toPick, bytes.length - from);
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            b.writeBytes(bytes, 0, bytes.length);
            assertEquals(naive(bytes, from, to, value), b.indexOf(from, to, value));
            b.release();
        }
    }

    private static int naive(byte[] bytes, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Provide
    Arbitrary<byte[]> contents() {
        return tricky().array(byte[].class).ofMaxSize(48);
    }

    @Provide
    Arbitrary<Byte> tricky() {
        return Arbitraries.oneOf(Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7f, (byte) 0x80, (byte) 0x81,
            (byte) 0xff, (byte) '\n', (byte) '\r', (byte) ' '), Arbitraries.bytes());
    }
}
