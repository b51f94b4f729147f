package io.ferry.linux;

/**
 * File, descriptor and limit constants for x86_64 Linux, copied from the uapi headers ({@code asm-generic/fcntl.h},
 * {@code linux/fcntl.h}, {@code linux/stat.h}, {@code sys/eventfd.h}, {@code asm-generic/resource.h}).
 *
 * <p>Octal values are written as in the headers. Note: {@link #O_DIRECT} differs between architectures; this is the
 * x86_64 value.
 */
public final class FileConstants {
    /** Open for reading only. */
    public static final int O_RDONLY = 0;
    /** The access-mode bits of the open flags (O_RDONLY, O_WRONLY or O_RDWR). */
    public static final int O_ACCMODE = 3;
    /** Open for writing only. */
    public static final int O_WRONLY = 01;
    /** Open for reading and writing. */
    public static final int O_RDWR = 02;
    /** Create the file if missing. */
    public static final int O_CREAT = 0100;
    /** With O_CREAT: fail with EEXIST if the file exists. */
    public static final int O_EXCL = 0200;
    /** Truncate to length 0. */
    public static final int O_TRUNC = 01000;
    /** Append on each write. */
    public static final int O_APPEND = 02000;
    /** Non-blocking mode. */
    public static final int O_NONBLOCK = 04000;
    /** Synchronised data writes. */
    public static final int O_DSYNC = 010000;
    /** Bypass the page cache (x86_64 value); buffers, offsets and lengths must be block-aligned. */
    public static final int O_DIRECT = 040000;
    /** Large-file semantics (implied on 64-bit). */
    public static final int O_LARGEFILE = 0100000;
    /** Fail unless the path is a directory. */
    public static final int O_DIRECTORY = 0200000;
    /** Do not follow a final symlink. */
    public static final int O_NOFOLLOW = 0400000;
    /** Close on exec. */
    public static final int O_CLOEXEC = 02000000;
    /** Synchronised data and metadata writes (includes O_DSYNC). */
    public static final int O_SYNC = 04010000;

    /** dirfd meaning "the current working directory". */
    public static final int AT_FDCWD = -100;
    /** Do not follow a final symlink. */
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** Operate on dirfd itself when the path is empty. */
    public static final int AT_EMPTY_PATH = 0x1000;
    /** statx: return cached attributes, never ask a remote server (no network round trip). */
    public static final int AT_STATX_DONT_SYNC = 0x4000;

    /** lseek: absolute offset. */
    public static final int SEEK_SET = 0;
    /** lseek: relative to the current position. */
    public static final int SEEK_CUR = 1;
    /** lseek: relative to the end. */
    public static final int SEEK_END = 2;

    /** eventfd: read decrements by one. */
    public static final int EFD_SEMAPHORE = 1;
    /** eventfd: non-blocking. */
    public static final int EFD_NONBLOCK = 04000;
    /** eventfd: close on exec. */
    public static final int EFD_CLOEXEC = 02000000;

    /** Resource number of the open-descriptor limit. */
    public static final int RLIMIT_NOFILE = 7;

    /** poll(2) bits, also used by IORING_OP_POLL_ADD: readable. */
    public static final int POLLIN = 0x001;
    /** Urgent data. */
    public static final int POLLPRI = 0x002;
    /** Writable. */
    public static final int POLLOUT = 0x004;
    /** Error. */
    public static final int POLLERR = 0x008;
    /** Hang-up. */
    public static final int POLLHUP = 0x010;
    /** Peer closed its writing half. */
    public static final int POLLRDHUP = 0x2000;

    private FileConstants() {
    }
}
