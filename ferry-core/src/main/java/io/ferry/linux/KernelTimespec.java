package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct __kernel_timespec}: 16 bytes, used by io_uring timeouts.
 *
 * <pre>
 *   0                 8                 16
 *   +-----------------+-----------------+
 *   |  tv_sec (s64)   |  tv_nsec (s64)  |
 *   +-----------------+-----------------+
 * </pre>
 *
 * <p>Note: IORING_OP_TIMEOUT and the enter wait copy the timespec when they start, so the memory may be reused
 * once the SQE has been submitted.
 */
public final class KernelTimespec {
    /** The layout, 16 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_nsec")).withName("__kernel_timespec");
    /** Size in bytes. */
    public static final int SIZE = 16;
    /** Offset of {@code tv_sec}. */
    public static final int TV_SEC = 0;
    /** Offset of {@code tv_nsec}. */
    public static final int TV_NSEC = 8;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private KernelTimespec() {
    }

    /** Writes a non-negative duration in nanoseconds at {@code offset}. */
    public static void setNanos(MemorySegment ts, long offset, long nanos) {
        ts.set(JAVA_LONG, offset + TV_SEC, nanos / NANOS_PER_SECOND);
        ts.set(JAVA_LONG, offset + TV_NSEC, nanos % NANOS_PER_SECOND);
    }
}
