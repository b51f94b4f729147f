package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_probe} (16-byte header) followed by {@code ops_len} {@code struct io_uring_probe_op}
 * (8 bytes each), filled by IORING_REGISTER_PROBE.
 *
 * <pre>
 *   io_uring_probe                        io_uring_probe_op
 *   0        1        2      4      16    0    1      2       4       8
 *   +--------+--------+------+------+    +----+------+-------+-------+
 *   |last_op |ops_len | resv |resv2 |    | op | resv | flags | resv2 |
 *   +--------+--------+------+------+    +----+------+-------+-------+
 * </pre>
 */
public final class IoUringProbeLayout {
    /** The header layout, 16 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_BYTE.withName("last_op"),
        JAVA_BYTE.withName("ops_len"),
        JAVA_SHORT.withName("resv"),
        MemoryLayout.sequenceLayout(3, JAVA_INT).withName("resv2")).withName("io_uring_probe");
    /** The per-opcode layout, 8 bytes. */
    public static final StructLayout OP_LAYOUT = MemoryLayout.structLayout(
        JAVA_BYTE.withName("op"),
        JAVA_BYTE.withName("resv"),
        JAVA_SHORT.withName("flags"),
        JAVA_INT.withName("resv2")).withName("io_uring_probe_op");

    /** Header size in bytes. */
    public static final int SIZE = 16;
    /** Size of one op entry. */
    public static final int OP_SIZE = 8;
    /** Offset of {@code last_op}. */
    public static final int LAST_OP = 0;
    /** Offset of {@code ops_len}. */
    public static final int OPS_LEN = 1;
    /** Offset of {@code ops[0]}. */
    public static final int OPS = 16;
    /** Offset of {@code flags} within an op entry. */
    public static final int OP_FLAGS = 2;

    private IoUringProbeLayout() {
    }

    /** Reads {@code last_op}. */
    public static int lastOp(MemorySegment probe) {
        return Byte.toUnsignedInt(probe.get(JAVA_BYTE, LAST_OP));
    }

    /** Reads {@code ops_len}. */
    public static int opsLen(MemorySegment probe) {
        return Byte.toUnsignedInt(probe.get(JAVA_BYTE, OPS_LEN));
    }

    /** Reads {@code ops[index].flags}. */
    public static int opFlags(MemorySegment probe, int index) {
        return Short.toUnsignedInt(probe.get(JAVA_SHORT, OPS + (long) index * OP_SIZE + OP_FLAGS));
    }
}
