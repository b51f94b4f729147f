package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_buf}: one 16-byte entry of a provided-buffer ring ({@code struct io_uring_buf_ring} is an
 * array of these).
 *
 * <pre>
 *   0                           8             12      14      16
 *   +---------------------------+-------------+-------+-------+
 *   |           addr            |     len     |  bid  | resv  |
 *   +---------------------------+-------------+-------+-------+
 * </pre>
 *
 * <p>Note: the ring's u16 {@code tail} overlays {@code resv} of entry 0 (byte offset {@value #RING_TAIL} of the
 * ring). The kernel never reads {@code resv} of entries, so entry 0 is still a usable buffer slot.
 */
public final class IoUringBuf {
    /** The layout, 16 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_LONG.withName("addr"),
        JAVA_INT.withName("len"),
        JAVA_SHORT.withName("bid"),
        JAVA_SHORT.withName("resv")).withName("io_uring_buf");

    /** Size in bytes. */
    public static final int SIZE = 16;
    /** Offset of {@code addr}. */
    public static final int ADDR = 0;
    /** Offset of {@code len}. */
    public static final int LEN = 8;
    /** Offset of {@code bid}. */
    public static final int BID = 12;
    /** Offset of {@code resv}. */
    public static final int RESV = 14;
    /** Byte offset, from the start of the ring, of the ring's u16 tail. */
    public static final int RING_TAIL = 14;

    private IoUringBuf() {
    }

    /** Writes entry {@code index} of the ring: buffer address, length and buffer id. */
    public static void set(MemorySegment ring, int index, long addr, int len, int bid) {
        long base = (long) index * SIZE;
        ring.set(JAVA_LONG, base + ADDR, addr);
        ring.set(JAVA_INT, base + LEN, len);
        ring.set(JAVA_SHORT, base + BID, (short) bid);
    }

    /** Reads {@code addr} of entry {@code index}. */
    public static long addr(MemorySegment ring, int index) {
        return ring.get(JAVA_LONG, (long) index * SIZE + ADDR);
    }

    /** Reads {@code len} of entry {@code index}. */
    public static int len(MemorySegment ring, int index) {
        return ring.get(JAVA_INT, (long) index * SIZE + LEN);
    }

    /** Reads {@code bid} of entry {@code index}. */
    public static int bid(MemorySegment ring, int index) {
        return Short.toUnsignedInt(ring.get(JAVA_SHORT, (long) index * SIZE + BID));
    }
}
