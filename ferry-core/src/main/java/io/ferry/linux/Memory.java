package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Memory-mapping syscalls (mmap, munmap, madvise) and their constants, copied from {@code asm-generic/mman*.h}.
 *
 * <p>Whoever maps memory unmaps it; a segment from {@link #segment(long, long)} is not tied to an arena and must not
 * be used after {@link #munmap(long, long)}. Any thread may call.
 */
public final class Memory {
    /** Pages may be read. */
    public static final int PROT_READ = 0x1;
    /** Pages may be written. */
    public static final int PROT_WRITE = 0x2;
    /** Share the mapping (needed for io_uring rings). */
    public static final int MAP_SHARED = 0x01;
    /** Private copy-on-write mapping. */
    public static final int MAP_PRIVATE = 0x02;
    /** Not backed by a file; zero-filled. */
    public static final int MAP_ANONYMOUS = 0x20;
    /** Pre-fault the pages. */
    public static final int MAP_POPULATE = 0x8000;
    /** madvise: the range may be freed; reads give zeros afterwards (private anonymous memory). */
    public static final int MADV_DONTNEED = 4;
    /** The page size Ferry assumes for alignment (x86_64). */
    public static final long PAGE_SIZE = 4096;

    private static final MethodHandle MH$mmap = NativeAccess.libc("mmap",
        FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), true);
    private static final MethodHandle MH$munmap = NativeAccess.libc("munmap",
        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), true);
    private static final MethodHandle MH$madvise = NativeAccess.libc("madvise",
        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT), true);

    private Memory() {
    }

    /**
     * mmap(2).
     *
     * @return the mapped address (positive), or -errno
     */
    public static long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$mmap.invokeExact(cs, addr, length, prot, flags, fd, offset);
            return r == -1L ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** munmap(2): 0 or -errno. */
    public static int munmap(long addr, long length) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$munmap.invokeExact(cs, addr, length);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** madvise(2): 0 or -errno. */
    public static int madvise(long addr, long length, int advice) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$madvise.invokeExact(cs, addr, length, advice);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** Returns a segment over {@code length} bytes of mapped memory at {@code address}; see the class note. */
    public static MemorySegment segment(long address, long length) {
        return NativeAccess.segment(address, length);
    }

    /** Rounds {@code size} up to a whole number of pages. */
    public static long pageAlign(long size) {
        return (size + PAGE_SIZE - 1) & -PAGE_SIZE;
    }
}
