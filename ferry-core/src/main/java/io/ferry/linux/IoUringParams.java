package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_params} (120 bytes) with its nested {@code io_sqring_offsets} and
 * {@code io_cqring_offsets} (40 bytes each), passed to io_uring_setup.
 *
 * <pre>
 *   0            4            8            12             16             20          24        28         40
 *   +------------+------------+------------+--------------+--------------+-----------+---------+----------+
 *   | sq_entries | cq_entries |   flags    | sq_thread_cpu|sq_thread_idle| features  |  wq_fd  | resv[3]  |
 *   +------------+------------+------------+--------------+--------------+-----------+---------+----------+
 *   40: sq_off  head|tail|ring_mask|ring_entries|flags|dropped|array|resv1 (u32 each), user_addr (u64)
 *   80: cq_off  head|tail|ring_mask|ring_entries|overflow|cqes|flags|resv1 (u32 each), user_addr (u64)
 *  120
 * </pre>
 *
 * <p>The application writes {@code flags} (and {@code cq_entries} with IORING_SETUP_CQSIZE); the kernel fills in the
 * rest. The ring offsets are byte offsets into the mmapped SQ/CQ ring regions.
 */
public final class IoUringParams {
    /** {@code struct io_sqring_offsets}, 40 bytes. */
    public static final StructLayout SQ_OFFSETS_LAYOUT = MemoryLayout.structLayout(
        JAVA_INT.withName("head"), JAVA_INT.withName("tail"), JAVA_INT.withName("ring_mask"),
        JAVA_INT.withName("ring_entries"), JAVA_INT.withName("flags"), JAVA_INT.withName("dropped"),
        JAVA_INT.withName("array"), JAVA_INT.withName("resv1"), JAVA_LONG.withName("user_addr"))
        .withName("io_sqring_offsets");
    /** {@code struct io_cqring_offsets}, 40 bytes. */
    public static final StructLayout CQ_OFFSETS_LAYOUT = MemoryLayout.structLayout(
        JAVA_INT.withName("head"), JAVA_INT.withName("tail"), JAVA_INT.withName("ring_mask"),
        JAVA_INT.withName("ring_entries"), JAVA_INT.withName("overflow"), JAVA_INT.withName("cqes"),
        JAVA_INT.withName("flags"), JAVA_INT.withName("resv1"), JAVA_LONG.withName("user_addr"))
        .withName("io_cqring_offsets");
    /** The layout, 120 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_INT.withName("sq_entries"), JAVA_INT.withName("cq_entries"), JAVA_INT.withName("flags"),
        JAVA_INT.withName("sq_thread_cpu"), JAVA_INT.withName("sq_thread_idle"), JAVA_INT.withName("features"),
        JAVA_INT.withName("wq_fd"), MemoryLayout.sequenceLayout(3, JAVA_INT).withName("resv"),
        SQ_OFFSETS_LAYOUT.withName("sq_off"), CQ_OFFSETS_LAYOUT.withName("cq_off")).withName("io_uring_params");

    /** Size in bytes. */
    public static final int SIZE = 120;
    /** Offset of {@code sq_entries}. */
    public static final int SQ_ENTRIES = 0;
    /** Offset of {@code cq_entries}. */
    public static final int CQ_ENTRIES = 4;
    /** Offset of {@code flags}. */
    public static final int FLAGS = 8;
    /** Offset of {@code sq_thread_cpu}. */
    public static final int SQ_THREAD_CPU = 12;
    /** Offset of {@code sq_thread_idle}. */
    public static final int SQ_THREAD_IDLE = 16;
    /** Offset of {@code features}. */
    public static final int FEATURES = 20;
    /** Offset of {@code wq_fd}. */
    public static final int WQ_FD = 24;
    /** Offset of {@code sq_off}. */
    public static final int SQ_OFF = 40;
    /** Offset of {@code cq_off}. */
    public static final int CQ_OFF = 80;

    /** Offset within either offsets struct of {@code head}. */
    public static final int OFF_HEAD = 0;
    /** Offset within either offsets struct of {@code tail}. */
    public static final int OFF_TAIL = 4;
    /** Offset within either offsets struct of {@code ring_mask}. */
    public static final int OFF_RING_MASK = 8;
    /** Offset within either offsets struct of {@code ring_entries}. */
    public static final int OFF_RING_ENTRIES = 12;
    /** Offset within io_sqring_offsets of {@code flags}. */
    public static final int SQ_OFF_FLAGS = 16;
    /** Offset within io_sqring_offsets of {@code dropped}. */
    public static final int SQ_OFF_DROPPED = 20;
    /** Offset within io_sqring_offsets of {@code array}. */
    public static final int SQ_OFF_ARRAY = 24;
    /** Offset within io_cqring_offsets of {@code overflow}. */
    public static final int CQ_OFF_OVERFLOW = 16;
    /** Offset within io_cqring_offsets of {@code cqes}. */
    public static final int CQ_OFF_CQES = 20;
    /** Offset within io_cqring_offsets of {@code flags}. */
    public static final int CQ_OFF_FLAGS = 24;

    private IoUringParams() {
    }

    /** Reads {@code sq_entries}. */
    public static int sqEntries(MemorySegment p) {
        return p.get(JAVA_INT, SQ_ENTRIES);
    }

    /** Reads {@code cq_entries}. */
    public static int cqEntries(MemorySegment p) {
        return p.get(JAVA_INT, CQ_ENTRIES);
    }

    /** Writes {@code cq_entries} (used with IORING_SETUP_CQSIZE). */
    public static void cqEntries(MemorySegment p, int value) {
        p.set(JAVA_INT, CQ_ENTRIES, value);
    }

    /** Reads {@code flags}. */
    public static int flags(MemorySegment p) {
        return p.get(JAVA_INT, FLAGS);
    }

    /** Writes {@code flags} (IORING_SETUP_*). */
    public static void flags(MemorySegment p, int value) {
        p.set(JAVA_INT, FLAGS, value);
    }

    /** Reads {@code features} (IORING_FEAT_*). */
    public static int features(MemorySegment p) {
        return p.get(JAVA_INT, FEATURES);
    }

    /** Reads a field of {@code sq_off}, e.g. {@code sqOff(p, OFF_TAIL)}. */
    public static int sqOff(MemorySegment p, int field) {
        return p.get(JAVA_INT, SQ_OFF + field);
    }

    /** Reads a field of {@code cq_off}, e.g. {@code cqOff(p, CQ_OFF_CQES)}. */
    public static int cqOff(MemorySegment p, int field) {
        return p.get(JAVA_INT, CQ_OFF + field);
    }
}
