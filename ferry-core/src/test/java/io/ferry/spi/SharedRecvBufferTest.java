package io.ferry.spi;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.TestPools;
import io.ferry.buffer.internal.PoolAccess;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: the readiness backends' shared receive buffer packs successive reads into one pooled buffer, hands
// each read out as a view of its own bytes, and holds no storage once the views are gone and it is closed.
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SharedRecvBufferTest {
    private final BufferPool pool = TestPools.small();

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** Does what a backend's read does: reserve, "read" {@code data} at the write index, commit. */
    private static Buf read(SharedRecvBuffer recv, int want, byte[] data) {
        Buf into = recv.reserve(want);
        int size = recv.readSize(want);
        assertTrue(data.length <= size, "test reads more than readSize allows");
        into.setBytes(into.writeIndex(), data, 0, data.length);
        return recv.commit(data.length);
    }

    private static byte[] fill(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    @Test
    void shouldReserveRoomForAWholeDatagram() {
        try (SharedRecvBuffer recv = new SharedRecvBuffer(pool)) {
            int size = pool.bufferSize();
            Buf first = recv.reserveWhole(size - 10);
            first.setBytes(first.writeIndex(), fill(size - 10, 3), 0, size - 10);
            Buf a = recv.commit(size - 10);
            Buf into = recv.reserveWhole(100); // 10 bytes left: a datagram must not be cut, so a fresh buffer
            assertTrue(into.writableBytes() >= 100, "room for the whole datagram");
            into.setBytes(into.writeIndex(), fill(100, 4), 0, 100);
            Buf b = recv.commit(100);
            assertArrayEquals(fill(size - 10, 3), a.toByteArray());
            assertArrayEquals(fill(100, 4), b.toByteArray());
            recv.reserveWhole(0);
            Buf none = recv.commit(0);
            assertEquals(0, none.readableBytes(), "an empty datagram is an empty view");
            none.release();
            a.release();
            b.release();
        }
        assertEquals(0, pool.stats().inUse(), "nothing held once closed");
    }

    @Test
    void shouldHandEachReadOutAsAViewOfExactlyItsBytes() {
        try (SharedRecvBuffer recv = new SharedRecvBuffer(pool)) {
            byte[] first = fill(100, 1);
            byte[] second = fill(200, 2);
            Buf a = read(recv, 4096, first);
            Buf b = read(recv, 4096, second);
            assertEquals(100, a.readableBytes());
            assertEquals(200, b.readableBytes());
            assertArrayEquals(first, a.toByteArray());
            assertArrayEquals(second, b.toByteArray(), "the second read must not overwrite the first");
            assertTrue(PoolAccess.sharesStorage(a, b), "reads of any connection are packed into one buffer");
            assertEquals(a.address() + 100, b.address(), "each read starts where the previous one ended");
            assertEquals(1, a.refCnt());
            assertEquals(1, b.refCnt());
            a.release();
            assertArrayEquals(second, b.toByteArray(), "releasing one view leaves the others intact");
            b.release();
        }
        TestPools.assertAllReturned(pool);
    }

    @Test
    void shouldOfferAtLeastMinReadOrWhatIsWanted() {
        try (SharedRecvBuffer recv = new SharedRecvBuffer(pool)) {
            Buf into = recv.reserve(512);
            assertTrue(into.writableBytes() >= 512);
            assertEquals(512, recv.readSize(512), "no more than wanted");
            Buf v = recv.commit(512);
            assertEquals(4096 - 512, recv.readSize(8192), "no more than the current buffer has room for");
            v.release();
        }
        TestPools.assertAllReturned(pool);
    }

    @Test
    void shouldRetireABufferWithTooLittleRoomButKeepItsViewsAlive() {
        try (SharedRecvBuffer recv = new SharedRecvBuffer(pool)) {
            byte[] big = fill(4096 - 1000, 3); // leaves 1000 bytes: under MIN_READ
            Buf a = read(recv, 4096, big);
            Buf into = recv.reserve(4096);
            assertTrue(into.writableBytes() >= SharedRecvBuffer.MIN_READ, "a read gets at least MIN_READ bytes");
            byte[] next = fill(2000, 4);
            into.setBytes(into.writeIndex(), next, 0, next.length);
            Buf b = recv.commit(next.length);
            assertFalse(PoolAccess.sharesStorage(a, b), "the nearly full buffer was retired");
            assertEquals(2, pool.stats().buffersInUse(), "the retired buffer lives on while a view holds it");
            assertArrayEquals(big, a.toByteArray());
            a.release();
            assertEquals(1, pool.stats().buffersInUse(), "the retired buffer goes home with its last view");
            b.release();
        }
        TestPools.assertAllReturned(pool);
    }

    @Test
    void shouldKeepASmallReadInTheCurrentBufferWhenItFits() {
        try (SharedRecvBuffer recv = new SharedRecvBuffer(pool)) {
            Buf a = read(recv, 4096, fill(4096 - 100, 5)); // 100 bytes left
            Buf b = read(recv, 50, fill(50, 6)); // wants only 50: fits
            assertTrue(PoolAccess.sharesStorage(a, b), "a read wanting less than MIN_READ uses what is left");
            a.release();
            b.release();
        }
        TestPools.assertAllReturned(pool);
    }

    @Test
    void shouldLetGoOfABufferFilledToTheEnd() {
        SharedRecvBuffer recv = new SharedRecvBuffer(pool);
        Buf a = read(recv, 4096, fill(4096, 7));
        assertEquals(1, pool.stats().buffersInUse());
        a.release();
        TestPools.assertAllReturned(pool); // without close: the full buffer was already let go
        Buf b = read(recv, 4096, fill(10, 8));
        assertEquals(1, pool.stats().buffersInUse(), "the next read takes a fresh buffer");
        b.release();
        recv.close();
        TestPools.assertAllReturned(pool);
    }

    @Test
    void shouldHoldNothingOnceClosedAndTheViewsAreReleased() {
        SharedRecvBuffer recv = new SharedRecvBuffer(pool);
        Buf a = read(recv, 4096, fill(10, 9));
        recv.close();
        assertEquals(1, pool.stats().buffersInUse(), "a view keeps the storage after close");
        assertArrayEquals(fill(10, 9), a.toByteArray());
        a.release();
        TestPools.assertAllReturned(pool);
        recv.close(); // twice: nothing left to release
        TestPools.assertAllReturned(pool);
        Buf b = read(recv, 100, fill(5, 10)); // usable after close: the loop closes it before every sleep
        assertArrayEquals(fill(5, 10), b.toByteArray());
        b.release();
        recv.close();
        TestPools.assertAllReturned(pool);
    }

    @Test
    void shouldNotHandOutStorageAViewStillUsesAfterClose() {
        SharedRecvBuffer recv = new SharedRecvBuffer(pool);
        Buf a = read(recv, 4096, fill(10, 11));
        recv.close();
        Buf b = read(recv, 4096, fill(10, 12));
        assertFalse(PoolAccess.sharesStorage(a, b), "a closed-over buffer must not be written again");
        assertArrayEquals(fill(10, 11), a.toByteArray());
        a.release();
        b.release();
        recv.close();
        TestPools.assertAllReturned(pool);
    }

    @Test
    void shouldLetAViewOutliveItsSiblingsThroughRetain() {
        Buf a;
        try (SharedRecvBuffer recv = new SharedRecvBuffer(pool)) {
            a = read(recv, 4096, fill(30, 13));
            Buf b = read(recv, 4096, fill(30, 14));
            a.retain();
            assertEquals(2, a.refCnt());
            assertEquals(1, b.refCnt(), "views count their references apart");
            b.release();
            a.release();
        }
        assertEquals(1, pool.stats().buffersInUse());
        assertArrayEquals(fill(30, 13), a.toByteArray());
        a.release();
        TestPools.assertAllReturned(pool);
    }

    @Test
    void shouldTakeABiggerBufferForAReadWantingMore() {
        try (SharedRecvBuffer recv = new SharedRecvBuffer(pool)) {
            Buf into = recv.reserve(6000);
            assertEquals(6000, recv.readSize(6000), "a jumbo-sized read gets a buffer with room for it");
            byte[] data = fill(6000, 15);
            into.setBytes(into.writeIndex(), data, 0, data.length);
            Buf v = recv.commit(data.length);
            assertArrayEquals(data, v.toByteArray());
            v.release();
        }
        TestPools.assertAllReturned(pool);
    }

    // ---- model test ----------------------------------------------------------------------------

    /** One step: a read (want, fraction of readSize actually read), a release of a held view, or a close. */
    record Step(int kind, int want, int fraction, int pick) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.oneOf(Arbitraries.integers().between(1, 2048), Arbitraries.integers().between(1, 8192)),
                Arbitraries.integers().between(1, 100), Arbitraries.integers().between(0, 1 << 20))
            .as(Step::new).list().ofMaxSize(100);
    }

    @Property(tries = 300)
    void shouldKeepEveryViewsBytesAndLeakNothing(@ForAll("steps") List<Step> steps) {
        try (BufferPool p = TestPools.small()) {
            SharedRecvBuffer recv = new SharedRecvBuffer(p);
            List<Buf> views = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            int seed = 0;
            for (Step s : steps) {
                if (s.kind() < 6) {
                    Buf into = recv.reserve(s.want());
                    int size = recv.readSize(s.want());
                    assertTrue(size >= Math.min(s.want(), SharedRecvBuffer.MIN_READ), "too little room: " + size);
                    assertTrue(size <= s.want());
                    int n = Math.max(1, size * s.fraction() / 100);
                    byte[] data = fill(n, seed++);
                    into.setBytes(into.writeIndex(), data, 0, n);
                    views.add(recv.commit(n));
                    contents.add(data);
                } else if (s.kind() < 9 && !views.isEmpty()) {
                    int i = s.pick() % views.size();
                    assertArrayEquals(contents.remove(i), views.get(i).toByteArray());
                    views.remove(i).release();
                } else if (s.kind() == 9) {
                    recv.close();
                }
                for (int i = 0; i < views.size(); i++) {
                    assertArrayEquals(contents.get(i), views.get(i).toByteArray(), "a later read overwrote a view");
                }
            }
            views.forEach(Buf::release);
            recv.close();
            TestPools.assertAllReturned(p);
        }
    }
}
