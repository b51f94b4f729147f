package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_getevents_arg}: the 24-byte argument of io_uring_enter with IORING_ENTER_EXT_ARG.
 *
 * <pre>
 *   0                 8            12              16                24
 *   +-----------------+------------+---------------+-----------------+
 *   |     sigmask     | sigmask_sz | min_wait_usec |       ts        |
 *   +-----------------+------------+---------------+-----------------+
 * </pre>
 *
 * <p>{@code ts} is the address of a {@link KernelTimespec} (relative timeout), or 0. {@code min_wait_usec} was
 * {@code pad} before 6.12 and must be 0 there.
 */
public final class IoUringGeteventsArg {
    /** The layout, 24 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_LONG.withName("sigmask"),
        JAVA_INT.withName("sigmask_sz"),
        JAVA_INT.withName("min_wait_usec"),
        JAVA_LONG.withName("ts")).withName("io_uring_getevents_arg");
    /** Size in bytes. */
    public static final int SIZE = 24;
    /** Offset of {@code sigmask}. */
    public static final int SIGMASK = 0;
    /** Offset of {@code sigmask_sz}. */
    public static final int SIGMASK_SZ = 8;
    /** Offset of {@code min_wait_usec}. */
    public static final int MIN_WAIT_USEC = 12;
    /** Offset of {@code ts}. */
    public static final int TS = 16;

    private IoUringGeteventsArg() {
    }

    /** Writes the argument with no signal mask and the timespec at {@code tsAddress}. */
    public static void set(MemorySegment arg, long tsAddress) {
        arg.set(JAVA_LONG, SIGMASK, 0L);
        arg.set(JAVA_INT, SIGMASK_SZ, 0);
        arg.set(JAVA_INT, MIN_WAIT_USEC, 0);
        arg.set(JAVA_LONG, TS, tsAddress);
    }
}
