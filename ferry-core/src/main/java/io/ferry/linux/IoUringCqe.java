package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_cqe}: one 16-byte completion queue entry (without IORING_SETUP_CQE32).
 *
 * <pre>
 *   0                           8             12            16
 *   +---------------------------+-------------+-------------+
 *   |         user_data         |  res (s32)  | flags (u32) |
 *   +---------------------------+-------------+-------------+
 * </pre>
 *
 * <p>{@code res} is a count or {@code -errno}; {@code flags} carries IORING_CQE_F_* bits and, with
 * IORING_CQE_F_BUFFER, the provided buffer id in its upper 16 bits.
 */
public final class IoUringCqe {
    /** The layout, 16 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_LONG.withName("user_data"),
        JAVA_INT.withName("res"),
        JAVA_INT.withName("flags")).withName("io_uring_cqe");

    /** Size in bytes. */
    public static final int SIZE = 16;
    /** Offset of {@code user_data}. */
    public static final int USER_DATA = 0;
    /** Offset of {@code res}. */
    public static final int RES = 8;
    /** Offset of {@code flags}. */
    public static final int FLAGS = 12;

    private IoUringCqe() {
    }

    /** Reads {@code user_data} of the CQE at byte offset {@code cqe}. */
    public static long userData(MemorySegment ring, long cqe) {
        return ring.get(JAVA_LONG, cqe + USER_DATA);
    }

    /** Reads {@code res}. */
    public static int res(MemorySegment ring, long cqe) {
        return ring.get(JAVA_INT, cqe + RES);
    }

    /** Reads {@code flags}. */
    public static int flags(MemorySegment ring, long cqe) {
        return ring.get(JAVA_INT, cqe + FLAGS);
    }

    /** Returns the provided-buffer id carried in CQE {@code flags} (meaningful when IORING_CQE_F_BUFFER is set). */
    public static int bufferId(int flags) {
        return flags >>> IoUringConstants.IORING_CQE_BUFFER_SHIFT;
    }
}
