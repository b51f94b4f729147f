package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_rsrc_update}: 16 bytes, the argument of IORING_REGISTER_RING_FDS (and of file-table
 * updates).
 *
 * <pre>
 *   0             4             8                           16
 *   +-------------+-------------+---------------------------+
 *   | offset (u32)| resv (u32)  |        data (u64)         |
 *   +-------------+-------------+---------------------------+
 * </pre>
 *
 * <p>For RING_FDS, {@code data} is the ring descriptor and {@code offset} the slot, or -1 to let the kernel pick;
 * the kernel writes the chosen slot back into {@code offset}.
 */
public final class IoUringRsrcUpdate {
    /** The layout, 16 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_INT.withName("offset"),
        JAVA_INT.withName("resv"),
        JAVA_LONG.withName("data")).withName("io_uring_rsrc_update");
    /** Size in bytes. */
    public static final int SIZE = 16;
    /** Offset of {@code offset}. */
    public static final int OFFSET = 0;
    /** Offset of {@code data}. */
    public static final int DATA = 8;

    private IoUringRsrcUpdate() {
    }

    /** Writes {@code offset} and {@code data}. */
    public static void set(MemorySegment update, int offset, long data) {
        update.set(JAVA_INT, OFFSET, offset);
        update.set(JAVA_INT, 4, 0);
        update.set(JAVA_LONG, DATA, data);
    }

    /** Reads {@code offset}. */
    public static int offset(MemorySegment update) {
        return update.get(JAVA_INT, OFFSET);
    }
}
