package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct statx}: 256 bytes, filled by statx(2) and IORING_OP_STATX. Only the leading fields Ferry reads are
 * named; the rest (timestamps, device numbers, spare space) is one padding block.
 *
 * <pre>
 *   0          4            8                16         20       24       28         30       32
 *   +----------+------------+----------------+----------+--------+--------+----------+--------+
 *   | stx_mask |stx_blksize | stx_attributes |stx_nlink | stx_uid| stx_gid| stx_mode | spare0 |
 *   +----------+------------+----------------+----------+--------+--------+----------+--------+
 *   32: stx_ino (u64)  40: stx_size (u64)  48: stx_blocks (u64)  56: stx_attributes_mask (u64)
 *   64..144: timestamps, rdev/dev numbers   144: stx_mnt_id (u64)
 *   152: stx_dio_mem_align (u32)  156: stx_dio_offset_align (u32)  160..256: later fields, spare
 * </pre>
 */
public final class Statx {
    /** The layout, 256 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_INT.withName("stx_mask"),
        JAVA_INT.withName("stx_blksize"),
        JAVA_LONG.withName("stx_attributes"),
        JAVA_INT.withName("stx_nlink"),
        JAVA_INT.withName("stx_uid"),
        JAVA_INT.withName("stx_gid"),
        JAVA_SHORT.withName("stx_mode"),
        JAVA_SHORT.withName("spare0"),
        JAVA_LONG.withName("stx_ino"),
        JAVA_LONG.withName("stx_size"),
        JAVA_LONG.withName("stx_blocks"),
        JAVA_LONG.withName("stx_attributes_mask"),
        MemoryLayout.paddingLayout(80),
        JAVA_LONG.withName("stx_mnt_id"),
        JAVA_INT.withName("stx_dio_mem_align"),
        JAVA_INT.withName("stx_dio_offset_align"),
        MemoryLayout.paddingLayout(96)).withName("statx");
    /** Size in bytes. */
    public static final int SIZE = 256;
    /** Offset of {@code stx_mask}. */
    public static final int STX_MASK = 0;
    /** Offset of {@code stx_blksize}. */
    public static final int STX_BLKSIZE = 4;
    /** Offset of {@code stx_mode}. */
    public static final int STX_MODE = 28;
    /** Offset of {@code stx_size}. */
    public static final int STX_SIZE = 40;
    /** Offset of {@code stx_dio_mem_align}. */
    public static final int STX_DIO_MEM_ALIGN = 152;
    /** Offset of {@code stx_dio_offset_align}. */
    public static final int STX_DIO_OFFSET_ALIGN = 156;

    /** Mask bit: want/got the file type. */
    public static final int STATX_TYPE = 0x1;
    /** Mask bit: want/got the mode. */
    public static final int STATX_MODE = 0x2;
    /** Mask bit: want/got the size. */
    public static final int STATX_SIZE = 0x200;
    /** Mask bit: want/got the O_DIRECT alignment ({@code stx_dio_mem_align}, {@code stx_dio_offset_align}); 6.1+. */
    public static final int STATX_DIOALIGN = 0x2000;
    /** What a statx of an open file ({@code FileOp.STATX}) asks for: type, mode and size. */
    public static final int OPEN_FILE_MASK = STATX_TYPE | STATX_MODE | STATX_SIZE;
    /** The empty path that, with {@link FileConstants#AT_EMPTY_PATH}, makes statx describe the descriptor itself. */
    public static final MemorySegment EMPTY_PATH = Arena.global().allocateFrom("");
    /** Mask: all basic stat fields. */
    public static final int STATX_BASIC_STATS = 0x7ff;

    private Statx() {
    }

    /** Reads {@code stx_mask}: which fields the kernel filled in. */
    public static int stxMask(MemorySegment s) {
        return s.get(JAVA_INT, STX_MASK);
    }

    /** Reads {@code stx_blksize}. */
    public static int stxBlksize(MemorySegment s) {
        return s.get(JAVA_INT, STX_BLKSIZE);
    }

    /** Reads {@code stx_mode}. */
    public static int stxMode(MemorySegment s) {
        return Short.toUnsignedInt(s.get(JAVA_SHORT, STX_MODE));
    }

    /** Reads {@code stx_size}. */
    public static long stxSize(MemorySegment s) {
        return s.get(JAVA_LONG, STX_SIZE);
    }

    /** Reads {@code stx_dio_mem_align}: the buffer address alignment O_DIRECT needs, 0 when unsupported. */
    public static int stxDioMemAlign(MemorySegment s) {
        return s.get(JAVA_INT, STX_DIO_MEM_ALIGN);
    }

    /** Reads {@code stx_dio_offset_align}: the file offset and length alignment O_DIRECT needs, 0 when unsupported. */
    public static int stxDioOffsetAlign(MemorySegment s) {
        return s.get(JAVA_INT, STX_DIO_OFFSET_ALIGN);
    }
}
