package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.PoolStats;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

// Purpose: a client's incomplete command grows with the bytes received: never past the query buffer limit (plus the
// one read that crosses it), and a large bulk string is collected without doubling, so what the pool holds stays
// within about a quarter of the bytes received, and the command still parses whole and byte-exact.
class QueryBufferTest {
    private static final int LIMIT = 1 << 20;
    private static final int PIECE = 100_000;

    @Test
    void shouldNeverGrowPastTheLimitOrTheBytesHeld() {
        try (BufferPool pool = BufferPool.create()) {
            QueryBuffer held = new QueryBuffer(pool, LIMIT);
            long total = 0;
            while (total <= LIMIT) {
                Buf piece = pool.acquire(PIECE);
                piece.writeIndex(PIECE);
                held.add(piece);
                piece.release();
                total += PIECE;
                assertEquals(total, held.bytes());
                long allowed = pageRounded(Math.max(LIMIT, total));
                long capacity = held.contiguous().capacity();
                assertTrue(capacity <= allowed, "holding " + total + " B in a buffer of " + capacity
                    + " B, more than " + allowed + " B");
            }
            held.release();
            assertEquals(0, pool.stats().inUse());
        }
    }

    // Before: 20 MB of a SET value arriving in 64 KiB reads held up to twice that (a 32 MiB buffer for 16 MB),
    // copied at every doubling.
    @Test
    void shouldCollectALargeBulkWithMemoryFollowingTheBytesReceived() {
        int value = 20_000_000;
        int read = 64 * 1024;
        byte[] head = ("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + value + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (BufferPool pool = BufferPool.create()) {
            long baseline = bytesHeld(pool.stats());
            RespParser parser = new RespParser(RespServer.DEFAULT_MAX_BULK);
            Request request = new Request();
            QueryBuffer held = new QueryBuffer(pool, RespServer.DEFAULT_QUERY_BUFFER_LIMIT);
            long sent = 0;
            long total = head.length + value + 2L;
            int length = RespParser.INCOMPLETE;
            while (sent < total) {
                int n = (int) Math.min(read, total - sent);
                Buf data = pool.acquire(read);
                for (int i = 0; i < n; i++) {
                    long at = sent + i;
                    data.writeByte(at < head.length ? head[(int) at] : at < total - 2 ? (byte) at : '\r');
                }
                if (sent + n == total) {
                    data.setByte(n - 1, '\n');
                }
                held.add(data);
                data.release();
                sent += n;
                if (held.ready()) {
                    Buf src = held.contiguous();
                    length = parser.parse(src, src.readIndex(), src.writeIndex(), request);
                    held.await(parser.awaiting());
                }
                long inUse = bytesHeld(pool.stats()) - baseline;
                long allowed = sent + sent / 4 + (2L << 20);
                assertTrue(inUse <= allowed || length > 0, "holding " + inUse + " B for " + sent + " B received");
            }
            assertEquals(total, length, "the command parsed whole");
            Buf src = held.contiguous();
            request.bind(src, src.readIndex());
            assertEquals(3, request.argc());
            assertEquals(value, request.length(2));
            int at = request.index(2);
            for (int i = 0; i < value; i += 9_973) {
                assertEquals((byte) (head.length + i), src.getByte(at + i), "value byte " + i);
            }
            held.release();
            assertEquals(0, pool.stats().inUse());
        }
    }

    private static long bytesHeld(PoolStats s) {
        return s.bytesInUse();
    }

    private static long pageRounded(long bytes) {
        return (bytes + BufferPool.PAGE_SIZE - 1) & -BufferPool.PAGE_SIZE;
    }
}
