package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

// Random acquire/slice/retain/release sequences, checked against a model, never leak and never hand out live storage.
class PoolModelPropertyTest {
    /** One step: what to do, a size for acquire, which live view to act on, where to slice. */
    record Op(Kind kind, int size, int pick, int from, int length) {
    }

    enum Kind { ACQUIRE, SLICE, RETAIN, RELEASE }

    /** A live view as the model sees it: its chunk's marker, where it starts in the chunk, its references. */
    private static final class Live {
        final Buf buf;
        final int marker;
        final int chunkOffset;
        int refs = 1;

        Live(Buf buf, int marker, int chunkOffset) {
            this.buf = buf;
            this.marker = marker;
            this.chunkOffset = chunkOffset;
        }
    }

    private static byte pattern(int marker, int chunkIndex) {
        return (byte) (marker * 31 + chunkIndex * 7 + (chunkIndex >>> 8));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Kind> kind = Arbitraries.frequency(
            net.jqwik.api.Tuple.of(4, Kind.ACQUIRE), net.jqwik.api.Tuple.of(3, Kind.SLICE),
            net.jqwik.api.Tuple.of(2, Kind.RETAIN), net.jqwik.api.Tuple.of(5, Kind.RELEASE));
        Arbitrary<Integer> size = Arbitraries.oneOf(Arbitraries.integers().between(0, TestPools.BUFFER),
            Arbitraries.integers().between(TestPools.BUFFER + 1, TestPools.JUMBO),
            Arbitraries.integers().between(TestPools.JUMBO + 1, TestPools.JUMBO * 2));
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 1 << 20);
        return Combinators.combine(kind, size, any, any, any).as(Op::new).list().ofMaxSize(60);
    }

    @Property(tries = 400)
    void shouldNeverLeakOrDoubleFree(@ForAll("ops") List<Op> ops) {
        try (BufferPool pool = TestPools.small()) {
            List<Live> live = new ArrayList<>();
            int nextMarker = 1;
            for (Op op : ops) {
                if (op.kind() == Kind.ACQUIRE) {
                    live.add(acquire(pool, op.size(), nextMarker++, live));
                } else if (!live.isEmpty()) {
                    Live target = live.get(op.pick() % live.size());
                    step(op, target, live);
                }
            }
            for (Live l : live) {
                verify(l);
                for (int i = 0; i < l.refs; i++) {
                    l.buf.release();
                }
                assertEquals(0, l.buf.refCnt());
            }
            TestPools.assertAllReturned(pool);
        }
    }

    private static Live acquire(BufferPool pool, int size, int marker, List<Live> live) {
        Buf b = pool.acquire(size);
        assertTrue(b.capacity() >= size);
        for (Live l : live) {
            assertTrue(!l.buf.sharesStorageWith(b), "pool handed out storage that a live view still uses");
        }
        byte[] fill = new byte[b.capacity()];
        for (int i = 0; i < fill.length; i++) {
            fill[i] = pattern(marker, i);
        }
        b.setBytes(0, fill, 0, fill.length);
        Live created = new Live(b, marker, 0);
        live.forEach(PoolModelPropertyTest::verify);
        return created;
    }

    private static void step(Op op, Live target, List<Live> live) {
        switch (op.kind()) {
            case SLICE -> {
                int cap = target.buf.capacity();
                int from = op.from() % (cap + 1);
                int length = op.length() % (cap - from + 1);
                Buf s = target.buf.slice(from, length);
                assertEquals(length, s.readableBytes());
                live.add(new Live(s, target.marker, target.chunkOffset + from));
            }
            case RETAIN -> {
                target.buf.retain();
                target.refs++;
            }
            case RELEASE -> {
                verify(target);
                target.buf.release();
                if (--target.refs == 0) {
                    live.remove(target);
                    assertEquals(0, target.buf.refCnt());
                }
            }
            default -> throw new AssertionError(op);
        }
        live.forEach(l -> assertEquals(l.refs, l.buf.refCnt()));
    }

    /** The view still sees its chunk's marker pattern: nobody else was given the storage. */
    private static void verify(Live l) {
        int cap = l.buf.capacity();
        byte[] expected = new byte[cap];
        for (int i = 0; i < cap; i++) {
            expected[i] = pattern(l.marker, l.chunkOffset + i);
        }
        byte[] actual = new byte[cap];
        l.buf.getBytes(0, actual, 0, cap);
        assertArrayEquals(expected, actual, "marker pattern overwritten: storage was handed out twice");
    }
}
