package io.ferry.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.PoolStats;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: a connection's write queue keeps writes in order, tells partial writes apart from whole ones,
// and releases each queued buffer exactly once: when the kernel took all of it, or when the queue is dropped.
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OutboundQueueTest {
    private final BufferPool pool = smallPool();

    static BufferPool smallPool() {
        return BufferPool.builder().bufferSize(4096).buffersPerSlab(8).bufferCap(256)
            .jumboSize(8192).jumbosPerSlab(2).jumboCap(64).build();
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** A buffer holding {@code n} bytes counting up from {@code first}. */
    static Buf bytes(BufferPool pool, int first, int n) {
        Buf b = pool.acquire(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            b.writeByte(first + i);
        }
        return b;
    }

    static void assertAllReturned(BufferPool pool) {
        PoolStats s = pool.stats();
        assertEquals(0, s.inUse(), () -> "buffers still in use: " + s);
    }

    /** The bytes still queued, head to tail, as a backend would gather them. */
    static byte[] queued(OutboundQueue q) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < q.size(); i++) {
            Buf b = q.get(i);
            byte[] part = new byte[b.readableBytes()];
            b.getBytes(b.readIndex(), part, 0, part.length);
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Test
    void shouldKeepWritesInOrderAndCountTheirBytes() {
        OutboundQueue q = new OutboundQueue();
        Buf a = bytes(pool, 0, 3);
        Buf b = bytes(pool, 3, 4);
        Buf c = bytes(pool, 7, 5);
        q.add(a);
        q.add(b);
        q.add(c);
        assertEquals(3, q.size());
        assertSame(a, q.get(0));
        assertSame(b, q.get(1));
        assertSame(c, q.get(2));
        assertEquals(12, q.pendingBytes());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, queued(q));
        q.releaseAll();
        assertAllReturned(pool);
    }

    @Test
    void shouldReleaseAnEmptyBufferAtOnce() {
        OutboundQueue q = new OutboundQueue();
        Buf empty = pool.acquire(16);
        q.add(empty);
        assertEquals(0, empty.refCnt(), "an empty write is released, not queued");
        assertTrue(q.isEmpty());
        assertEquals(0, q.pendingBytes());
        assertAllReturned(pool);
    }

    @Test
    void shouldAdvanceThePartlySentHeadWithoutReleasingIt() {
        OutboundQueue q = new OutboundQueue();
        Buf a = bytes(pool, 0, 10);
        a.retain(); // the test's own reference, to watch the queue's
        q.add(a);
        q.consume(4);
        assertEquals(2, a.refCnt(), "a partly sent buffer stays pinned");
        assertEquals(6, a.readableBytes(), "its readable bytes are what remains to send");
        assertEquals(4, a.readIndex());
        assertEquals(6, q.pendingBytes());
        assertEquals(1, q.size());
        q.consume(6);
        assertEquals(1, a.refCnt(), "the queue releases its reference once the last byte is sent");
        assertTrue(q.isEmpty());
        a.release();
        assertAllReturned(pool);
    }

    @Test
    void shouldReleaseEachFullySentBufferExactlyOnce() {
        OutboundQueue q = new OutboundQueue();
        List<Buf> bufs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Buf b = bytes(pool, i * 10, 10);
            b.retain();
            bufs.add(b);
            q.add(b);
        }
        q.consume(25); // two whole buffers and half of the third
        assertEquals(1, bufs.get(0).refCnt());
        assertEquals(1, bufs.get(1).refCnt());
        assertEquals(2, bufs.get(2).refCnt());
        assertSame(bufs.get(2), q.get(0), "the partly sent buffer is the new head");
        assertEquals(25, q.pendingBytes());
        assertEquals(3, q.size());
        q.consume(25);
        bufs.forEach(b -> assertEquals(1, b.refCnt(), "released by the queue exactly once"));
        assertTrue(q.isEmpty());
        bufs.forEach(Buf::release);
        assertAllReturned(pool);
    }

    @Test
    void shouldRefuseToConsumeMoreThanIsPendingAndChangeNothing() {
        OutboundQueue q = new OutboundQueue();
        Buf a = bytes(pool, 0, 8);
        a.retain();
        q.add(a);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.consume(9));
        assertEquals("consumed 9 of 8 pending bytes", e.getMessage());
        assertEquals(8, q.pendingBytes());
        assertEquals(2, a.refCnt());
        assertEquals(8, a.readableBytes());
        q.consume(0);
        assertEquals(8, q.pendingBytes(), "consuming nothing changes nothing");
        q.releaseAll();
        assertEquals(1, a.refCnt());
        a.release();
        assertAllReturned(pool);
    }

    @Test
    void shouldReleaseEverythingOnceWhenDroppedAndStayUsable() {
        OutboundQueue q = new OutboundQueue();
        List<Buf> bufs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Buf b = bytes(pool, i, 7);
            b.retain();
            bufs.add(b);
            q.add(b);
        }
        q.consume(10); // a partly sent head must be released too
        q.releaseAll();
        assertTrue(q.isEmpty());
        assertEquals(0, q.pendingBytes());
        bufs.forEach(b -> assertEquals(1, b.refCnt(), "each queued buffer released exactly once"));
        q.releaseAll();
        bufs.forEach(b -> assertEquals(1, b.refCnt(), "a second releaseAll releases nothing"));
        bufs.forEach(Buf::release);
        assertAllReturned(pool);
        q.add(bytes(pool, 1, 2));
        assertEquals(2, q.pendingBytes(), "a dropped queue takes new writes");
        q.releaseAll();
        assertAllReturned(pool);
    }

    @Test
    void shouldKeepOrderWhenTheRingGrowsAroundItsEnd() {
        OutboundQueue q = new OutboundQueue();
        int next = 0;
        for (int i = 0; i < 6; i++) {
            q.add(bytes(pool, next, 1));
            next++;
        }
        q.consume(5); // head moves to slot 5 of 8: later adds wrap around before the ring grows
        for (int i = 0; i < 100; i++) {
            q.add(bytes(pool, next, 1));
            next++;
        }
        assertEquals(101, q.size());
        byte[] expected = new byte[101];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (5 + i);
        }
        assertArrayEquals(expected, queued(q));
        q.consume(101);
        assertTrue(q.isEmpty());
        assertAllReturned(pool);
    }

    @Test
    void shouldGiveStorageBackOnlyWhenEverySliceOfItWasSent() {
        OutboundQueue q = new OutboundQueue();
        Buf whole = bytes(pool, 0, 30);
        for (int i = 0; i < 3; i++) {
            q.add(whole.slice(i * 10, 10)); // as BufWriter hands over slices of one chunk
        }
        whole.release();
        q.consume(15);
        assertEquals(1, pool.stats().inUse(), "storage stays while a slice of it is queued");
        q.consume(15);
        assertAllReturned(pool);
    }

    // ---- model test ----------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Integer>> steps() {
        // >= 0: add a write of that many bytes; < 0: the kernel takes some (scaled to what is pending)
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 300), Arbitraries.integers().between(-1000, -1))
            .list().ofMaxSize(80);
    }

    @Property(tries = 300)
    void shouldSendExactlyTheQueuedBytesAndReleaseEachBufferOnce(@ForAll("steps") List<Integer> steps) {
        try (BufferPool p = smallPool()) {
            OutboundQueue q = new OutboundQueue();
            ByteArrayOutputStream model = new ByteArrayOutputStream();
            List<Buf> added = new ArrayList<>();
            List<Integer> sentUpTo = new ArrayList<>(); // model position after each added buffer's last byte
            long sent = 0;
            int counter = 0;
            for (int step : steps) {
                if (step >= 0) {
                    Buf b = bytes(p, counter, step);
                    for (int i = 0; i < step; i++) {
                        model.write(counter++);
                    }
                    if (step > 0) {
                        b.retain();
                        added.add(b);
                        sentUpTo.add(model.size());
                    }
                    q.add(b);
                } else {
                    long take = q.pendingBytes() == 0 ? 0 : (-step) % (q.pendingBytes() + 1);
                    q.consume(take);
                    sent += take;
                }
                byte[] all = model.toByteArray();
                byte[] expected = Arrays.copyOfRange(all, (int) sent, all.length);
                assertArrayEquals(expected, queued(q), "queued bytes differ from what is left to send");
                assertEquals(expected.length, q.pendingBytes());
                for (int i = 0; i < added.size(); i++) {
                    int refs = sentUpTo.get(i) <= sent ? 1 : 2;
                    assertEquals(refs, added.get(i).refCnt(), "buffer " + i + " after " + sent + " bytes sent");
                }
            }
            q.releaseAll();
            added.forEach(b -> assertEquals(1, b.refCnt()));
            added.forEach(Buf::release);
            assertAllReturned(p);
        }
    }
}
