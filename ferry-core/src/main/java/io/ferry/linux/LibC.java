package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * File-descriptor and file syscalls through libc: close, read/write, readv/writev, pread/pwrite, preadv/pwritev,
 * pipe2, eventfd, openat, fsync,
 * lseek, ftruncate, statx and the descriptor limit.
 *
 * <p>Every method returns the C result, or {@code -errno} on failure; none throws for an errno (see {@link Errno}).
 * Pointer arguments are native addresses ({@code MemorySegment.address()}); the caller keeps that memory alive for
 * the duration of the call. Any thread may call these methods. Calls that may block (read, write, fsync, close...)
 * are linked without {@code critical}, so they are safe on descriptors in blocking mode.
 */
public final class LibC {
    private static final MethodHandle MH$close = NativeAccess.libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT),
        false);
    private static final MethodHandle MH$read = NativeAccess.libc("read",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), false);
    private static final MethodHandle MH$write = NativeAccess.libc("write",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), false);
    private static final MethodHandle MH$readv = NativeAccess.libc("readv",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT), false);
    private static final MethodHandle MH$writev = NativeAccess.libc("writev",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT), false);
    private static final MethodHandle MH$pread = NativeAccess.libc("pread",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), false);
    private static final MethodHandle MH$pwrite = NativeAccess.libc("pwrite",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), false);
    private static final MethodHandle MH$preadv = NativeAccess.libc("preadv",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG), false);
    private static final MethodHandle MH$pwritev = NativeAccess.libc("pwritev",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG), false);
    private static final MethodHandle MH$pipe2 = NativeAccess.libc("pipe2",
        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT), true);
    private static final MethodHandle MH$eventfd = NativeAccess.libc("eventfd",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
    private static final MethodHandle MH$openat = NativeAccess.libcVariadic("openat",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT), 3, false);
    private static final MethodHandle MH$fsync = NativeAccess.libc("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT),
        false);
    private static final MethodHandle MH$fdatasync = NativeAccess.libc("fdatasync",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT), false);
    private static final MethodHandle MH$lseek = NativeAccess.libc("lseek",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT), true);
    private static final MethodHandle MH$ftruncate = NativeAccess.libc("ftruncate",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), false);
    private static final MethodHandle MH$statx = NativeAccess.libc("statx",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG), false);
    private static final MethodHandle MH$getrlimit = NativeAccess.libc("getrlimit",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), true);
    private static final MethodHandle MH$setrlimit = NativeAccess.libc("setrlimit",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), true);

    private LibC() {
    }

    /** close(2). Note: never retry close on EINTR; the descriptor is gone either way on Linux. */
    public static int close(int fd) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$close.invokeExact(cs, fd);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** read(2) into {@code count} bytes at address {@code buf}: bytes read, 0 at end of file, or -errno. */
    public static long read(int fd, long buf, long count) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$read.invokeExact(cs, fd, buf, count);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** write(2) of {@code count} bytes at address {@code buf}: bytes written or -errno. */
    public static long write(int fd, long buf, long count) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$write.invokeExact(cs, fd, buf, count);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** readv(2) over {@code iovcnt} {@link IoVec} entries at address {@code iov}: bytes read or -errno. */
    public static long readv(int fd, long iov, int iovcnt) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$readv.invokeExact(cs, fd, iov, iovcnt);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** writev(2), the gathered write: bytes written (possibly fewer than asked) or -errno. */
    public static long writev(int fd, long iov, int iovcnt) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$writev.invokeExact(cs, fd, iov, iovcnt);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** pread(2): up to {@code count} bytes at file {@code offset} into {@code buf}; bytes read, 0 at EOF, or -errno. */
    public static long pread(int fd, long buf, long count, long offset) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$pread.invokeExact(cs, fd, buf, count, offset);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** pwrite(2): {@code count} bytes from address {@code buf} at file {@code offset}; bytes written or -errno. */
    public static long pwrite(int fd, long buf, long count, long offset) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$pwrite.invokeExact(cs, fd, buf, count, offset);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** preadv(2) into {@code iovcnt} {@link IoVec}s at {@code iov}, from file {@code offset}: bytes read or -errno. */
    public static long preadv(int fd, long iov, int iovcnt, long offset) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$preadv.invokeExact(cs, fd, iov, iovcnt, offset);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** pwritev(2) from {@code iovcnt} {@link IoVec}s at {@code iov}, at {@code offset}: bytes written or -errno. */
    public static long pwritev(int fd, long iov, int iovcnt, long offset) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$pwritev.invokeExact(cs, fd, iov, iovcnt, offset);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** pipe2(2): writes the read end then the write end as two ints at {@code fds}; 0 or -errno. */
    public static int pipe2(long fds, int flags) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$pipe2.invokeExact(cs, fds, flags);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** eventfd(2) with {@link FileConstants#EFD_NONBLOCK}-style flags: a descriptor or -errno. */
    public static int eventfd(int initval, int flags) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$eventfd.invokeExact(cs, initval, flags);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** openat(2) of the NUL-terminated path at {@code path}: a descriptor or -errno. */
    public static int openat(int dirfd, long path, int flags, int mode) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$openat.invokeExact(cs, dirfd, path, flags, mode);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** fsync(2): 0 or -errno. */
    public static int fsync(int fd) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$fsync.invokeExact(cs, fd);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** fdatasync(2): 0 or -errno. */
    public static int fdatasync(int fd) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$fdatasync.invokeExact(cs, fd);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** lseek(2) with {@link FileConstants#SEEK_SET}/CUR/END: the new offset or -errno. */
    public static long lseek(int fd, long offset, int whence) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$lseek.invokeExact(cs, fd, offset, whence);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** ftruncate(2): 0 or -errno. */
    public static int ftruncate(int fd, long length) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$ftruncate.invokeExact(cs, fd, length);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /**
     * statx(2) into the {@link Statx} buffer at {@code buf}: 0 or -errno. For an open descriptor pass its fd as
     * {@code dirfd}, an empty path and {@link FileConstants#AT_EMPTY_PATH}.
     */
    public static int statx(int dirfd, long path, int flags, int mask, long buf) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$statx.invokeExact(cs, dirfd, path, flags, mask, buf);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** getrlimit(2) into a 16-byte {@code struct rlimit} (rlim_cur, rlim_max) at {@code rlim}: 0 or -errno. */
    public static int getrlimit(int resource, long rlim) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$getrlimit.invokeExact(cs, resource, rlim);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** setrlimit(2) from a 16-byte {@code struct rlimit} at {@code rlim}: 0 or -errno. */
    public static int setrlimit(int resource, long rlim) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$setrlimit.invokeExact(cs, resource, rlim);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }
}
