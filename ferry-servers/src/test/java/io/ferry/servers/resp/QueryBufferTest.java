package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import org.junit.jupiter.api.Test;

// Purpose: a client's incomplete command grows with the bytes received and never past the query buffer limit
// (plus the one read that crosses it): the growth that amortises copying must not allocate twice the limit.
class QueryBufferTest {
    private static final int LIMIT = 1 << 20;
    private static final int PIECE = 100_000;

    @Test
    void shouldNeverGrowPastTheLimitOrTheBytesHeld() {
        try (BufferPool pool = BufferPool.create()) {
            Buf held = null;
            long total = 0;
            while (total <= LIMIT) {
                Buf piece = pool.acquire(PIECE);
                piece.writeIndex(PIECE);
                held = QueryBuffer.append(pool, held, piece, LIMIT);
                piece.release();
                total += PIECE;
                assertEquals(total, held.readableBytes());
                long allowed = pageRounded(Math.max(LIMIT, total));
                assertTrue(held.capacity() <= allowed, "holding " + total + " B in a buffer of " + held.capacity()
                    + " B, more than " + allowed + " B");
            }
            held.release();
            assertEquals(0, pool.stats().inUse());
        }
    }

    private static long pageRounded(long bytes) {
        return (bytes + BufferPool.PAGE_SIZE - 1) & -BufferPool.PAGE_SIZE;
    }
}
