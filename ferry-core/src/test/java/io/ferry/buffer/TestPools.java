package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Small pools for tests, and the "everything is back" assertion. */
public final class TestPools {
    /** Fixed-size buffers in the small pools. */
    static final int BUFFER = 4096;
    /** Jumbo buffers in the small pools. */
    static final int JUMBO = 8192;

    private TestPools() {
    }

    /** 4 KiB buffers, 8 per slab, cap 256; 8 KiB jumbo buffers, 2 per slab, cap 64. */
    public static BufferPool small() {
        return BufferPool.builder().bufferSize(BUFFER).buffersPerSlab(8).bufferCap(256)
            .jumboSize(JUMBO).jumbosPerSlab(2).jumboCap(64).build();
    }

    /** Asserts that no buffer of any kind is held, lent or waiting on the return stack. */
    public static void assertAllReturned(BufferPool pool) {
        PoolStats s = pool.stats();
        assertEquals(0, s.buffersInUse(), () -> "fixed buffers still in use: " + s);
        assertEquals(0, s.jumbosInUse(), () -> "jumbo buffers still in use: " + s);
        assertEquals(0, s.dedicatedInUse(), () -> "dedicated buffers still in use: " + s);
        assertEquals(0, s.dedicatedBytes(), () -> "dedicated bytes still held: " + s);
        assertEquals(0, s.lentInUse(), () -> "lent buffers still handed out: " + s);
        assertEquals(s.reservedBytes(), (long) s.buffersFree() * s.bufferSize() + (long) s.jumbosFree() * s.jumboSize()
            + (long) s.lent() * s.bufferSize(), () -> "free lists do not account for every slab byte: " + s);
    }
}
