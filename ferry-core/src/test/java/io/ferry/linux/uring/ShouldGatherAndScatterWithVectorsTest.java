package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.linux.IoVec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldGatherAndScatterWithVectorsTest {
    // Purpose: WRITEV gathers three buffers into one stream and READV scatters it back over two.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldWritevThenReadv() throws Exception {
        int[] pair = RingFixture.socketPair();
        try (IoUring ring = RingFixture.openRing(8); Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocateFrom("abc");
            MemorySegment b = arena.allocateFrom("defg");
            MemorySegment c = arena.allocateFrom("hi");
            MemorySegment out = arena.allocate(IoVec.LAYOUT, 3);
            IoVec.set(out, 0, a.address(), 3);
            IoVec.set(out, 1, b.address(), 4);
            IoVec.set(out, 2, c.address(), 2);
            RingFixture.next(ring).prepWritev(pair[0], out.address(), 3, 0).userData(1);
            assertEquals(9, RingFixture.awaitOne(ring).res());

            MemorySegment first = arena.allocate(5);
            MemorySegment second = arena.allocate(16);
            MemorySegment in = arena.allocate(IoVec.LAYOUT, 2);
            IoVec.set(in, 0, first.address(), 5);
            IoVec.set(in, 1, second.address(), 16);
            RingFixture.next(ring).prepReadv(pair[1], in.address(), 2, 0).userData(2);
            assertEquals(9, RingFixture.awaitOne(ring).res());
            assertEquals("abcde", RingFixture.string(first, 0, 5));
            assertEquals("fghi", RingFixture.string(second, 0, 4));
        } finally {
            RingFixture.closeAll(pair);
        }
    }
}
