package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

// Absolute and relative shorts, ints and longs, big- and little-endian, lay out bytes exactly as ByteBuffer does.
class BufPrimitiveAccessTest {
    private static final int SIZE = 64;
    private static BufferPool pool;

    @BeforeContainer
    static void open() {
        pool = TestPools.small();
    }

    @AfterContainer
    static void close() {
        TestPools.assertAllReturned(pool);
        pool.close();
    }

    private static byte[] bytes(Buf b, int index, int length) {
        byte[] out = new byte[length];
        b.getBytes(index, out, 0, length);
        return out;
    }

    private static byte[] expected(ByteOrder order, int length, java.util.function.Consumer<ByteBuffer> put) {
        ByteBuffer bb = ByteBuffer.allocate(length).order(order);
        put.accept(bb);
        return bb.array();
    }

    @Property(tries = 200)
    void shouldMatchByteBufferForAbsoluteAccess(@ForAll @IntRange(max = SIZE - 8) int index, @ForAll short s,
                                                @ForAll int i, @ForAll long l, @ForAll byte b) {
        Buf buf = pool.acquire(SIZE);
        try {
            buf.setShort(index, s);
            assertArrayEquals(expected(ByteOrder.BIG_ENDIAN, 2, bb -> bb.putShort(s)), bytes(buf, index, 2));
            assertEquals(s, buf.getShort(index));
            buf.setShortLE(index, s);
            assertArrayEquals(expected(ByteOrder.LITTLE_ENDIAN, 2, bb -> bb.putShort(s)), bytes(buf, index, 2));
            assertEquals(s, buf.getShortLE(index));

            buf.setInt(index, i);
            assertArrayEquals(expected(ByteOrder.BIG_ENDIAN, 4, bb -> bb.putInt(i)), bytes(buf, index, 4));
            assertEquals(i, buf.getInt(index));
            buf.setIntLE(index, i);
            assertArrayEquals(expected(ByteOrder.LITTLE_ENDIAN, 4, bb -> bb.putInt(i)), bytes(buf, index, 4));
            assertEquals(i, buf.getIntLE(index));

            buf.setLong(index, l);
            assertArrayEquals(expected(ByteOrder.BIG_ENDIAN, 8, bb -> bb.putLong(l)), bytes(buf, index, 8));
            assertEquals(l, buf.getLong(index));
            buf.setLongLE(index, l);
            assertArrayEquals(expected(ByteOrder.LITTLE_ENDIAN, 8, bb -> bb.putLong(l)), bytes(buf, index, 8));
            assertEquals(l, buf.getLongLE(index));

            buf.setByte(index, b);
            assertEquals(b, buf.getByte(index));
        } finally {
            buf.release();
        }
    }

    @Property(tries = 200)
    void shouldMatchByteBufferForRelativeAccess(@ForAll byte b, @ForAll short s, @ForAll int i, @ForAll long l) {
        ByteBuffer be = ByteBuffer.allocate(SIZE).order(ByteOrder.BIG_ENDIAN);
        be.put(b).putShort(s).putInt(i).putLong(l);
        ByteBuffer le = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        le.putShort(s).putInt(i).putLong(l);
        Buf buf = pool.acquire(SIZE);
        try {
            buf.writeByte(b).writeShort(s).writeInt(i).writeLong(l);
            buf.writeShortLE(s).writeIntLE(i).writeLongLE(l);
            assertEquals(15 + 14, buf.writeIndex());
            byte[] all = buf.toByteArray();
            assertArrayEquals(java.util.Arrays.copyOf(be.array(), 15), java.util.Arrays.copyOf(all, 15));
            assertArrayEquals(java.util.Arrays.copyOf(le.array(), 14), java.util.Arrays.copyOfRange(all, 15, 29));

            assertEquals(b, buf.readByte());
            assertEquals(s, buf.readShort());
            assertEquals(i, buf.readInt());
            assertEquals(l, buf.readLong());
            assertEquals(s, buf.readShortLE());
            assertEquals(i, buf.readIntLE());
            assertEquals(l, buf.readLongLE());
            assertEquals(29, buf.readIndex());
            assertEquals(0, buf.readableBytes());
        } finally {
            buf.release();
        }
    }
}
