package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct iovec}: 16 bytes, one element of a gathered/scattered I/O list.
 *
 * <pre>
 *   0                 8                 16
 *   +-----------------+-----------------+
 *   |    iov_base     |     iov_len     |
 *   +-----------------+-----------------+
 * </pre>
 *
 * <p>The memory an iovec names must stay alive until the syscall returns, or for io_uring until the CQE arrives.
 */
public final class IoVec {
    /** The layout, 16 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_LONG.withName("iov_base"), JAVA_LONG.withName("iov_len")).withName("iovec");
    /** Size in bytes. */
    public static final int SIZE = 16;
    /** Offset of {@code iov_base}. */
    public static final int IOV_BASE = 0;
    /** Offset of {@code iov_len}. */
    public static final int IOV_LEN = 8;
    /** Linux's maximum number of iovecs per call (UIO_MAXIOV). */
    public static final int IOV_MAX = 1024;

    private IoVec() {
    }

    /** Writes entry {@code index} of an iovec array. */
    public static void set(MemorySegment iovecs, int index, long base, long len) {
        long at = (long) index * SIZE;
        iovecs.set(JAVA_LONG, at + IOV_BASE, base);
        iovecs.set(JAVA_LONG, at + IOV_LEN, len);
    }

    /** Reads {@code iov_base} of entry {@code index}. */
    public static long iovBase(MemorySegment iovecs, int index) {
        return iovecs.get(JAVA_LONG, (long) index * SIZE + IOV_BASE);
    }

    /** Reads {@code iov_len} of entry {@code index}. */
    public static long iovLen(MemorySegment iovecs, int index) {
        return iovecs.get(JAVA_LONG, (long) index * SIZE + IOV_LEN);
    }

    /** The sum of {@code iov_len} over the {@code count} entries of the iovec array at address {@code iovecs}. */
    public static long totalLength(long iovecs, int count) {
        MemorySegment array = NativeAccess.segment(iovecs, (long) count * SIZE);
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += iovLen(array, i);
        }
        return sum;
    }
}
