package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_buf_reg}: the 40-byte argument of IORING_REGISTER_PBUF_RING / UNREGISTER_PBUF_RING.
 *
 * <pre>
 *   0                           8             12      14      16                                   40
 *   +---------------------------+-------------+-------+-------+------------------------------------+
 *   |         ring_addr         |ring_entries | bgid  | flags |              resv[3]               |
 *   +---------------------------+-------------+-------+-------+------------------------------------+
 * </pre>
 *
 * <p>{@code ring_addr} must be page-aligned; {@code ring_entries} a power of two up to 32768.
 */
public final class IoUringBufReg {
    /** The layout, 40 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_LONG.withName("ring_addr"),
        JAVA_INT.withName("ring_entries"),
        JAVA_SHORT.withName("bgid"),
        JAVA_SHORT.withName("flags"),
        MemoryLayout.sequenceLayout(3, JAVA_LONG).withName("resv")).withName("io_uring_buf_reg");

    /** Size in bytes. */
    public static final int SIZE = 40;
    /** Offset of {@code ring_addr}. */
    public static final int RING_ADDR = 0;
    /** Offset of {@code ring_entries}. */
    public static final int RING_ENTRIES = 8;
    /** Offset of {@code bgid}. */
    public static final int BGID = 12;
    /** Offset of {@code flags}. */
    public static final int FLAGS = 14;

    private IoUringBufReg() {
    }

    /** Fills a zeroed registration struct. */
    public static void set(MemorySegment reg, long ringAddr, int ringEntries, int bgid) {
        set(reg, ringAddr, ringEntries, bgid, 0);
    }

    /** Fills a zeroed registration struct with {@code flags} ({@code IOU_PBUF_RING_*}). */
    public static void set(MemorySegment reg, long ringAddr, int ringEntries, int bgid, int flags) {
        reg.set(JAVA_LONG, RING_ADDR, ringAddr);
        reg.set(JAVA_INT, RING_ENTRIES, ringEntries);
        reg.set(JAVA_SHORT, BGID, (short) bgid);
        reg.set(JAVA_SHORT, FLAGS, (short) flags);
    }
}
