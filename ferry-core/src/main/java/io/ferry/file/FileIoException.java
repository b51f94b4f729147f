package io.ferry.file;

import io.ferry.linux.Errno;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A file operation failed with an errno. The message names the operation, the file and the offset:
 * {@code write /tmp/x/f1 at offset 4096 failed: ENOSPC (No space left on device)}. {@link #reason()}
 * types the common causes. Immutable; any thread.
 */
public final class FileIoException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The causes callers commonly tell apart. */
    public enum Reason {
        /** ENOSPC: the file system is full. */
        NO_SPACE,
        /** EACCES or EPERM: not allowed. */
        ACCESS_DENIED,
        /** ENOENT: no such file or directory. */
        NOT_FOUND,
        /** EBADF: the descriptor is not open for this operation (e.g. a write on a read-only file). */
        BAD_DESCRIPTOR,
        /** EISDIR: the path is a directory. */
        IS_DIRECTORY,
        /** Anything else; see {@link #errno()}. */
        OTHER
    }

    /** The operation that failed, as in the message. */
    private final String op;
    private final transient Path path;
    /** The file offset of the failed operation, or -1. */
    private final long offset;
    /** The positive errno. */
    private final int errno;

    /**
     * An operation on {@code path} failed with {@code errno}; the message names all four.
     *
     * @param op     the operation ({@code "write"}, {@code "open"} ...)
     * @param path   the file
     * @param offset the file offset the operation was at, or -1 when it has none
     * @param errno  the positive errno
     */
    public FileIoException(String op, Path path, long offset, int errno) {
        super(op + " " + path + (offset >= 0 ? " at offset " + offset : "") + " failed: " + Errno.name(errno)
            + " (" + Errno.message(errno) + ")");
        this.op = op;
        this.path = path;
        this.offset = offset;
        this.errno = errno;
    }

    /**
     * The operation that failed.
     *
     * @return e.g. {@code "write"} or {@code "open"}
     */
    public String op() {
        return op;
    }

    /**
     * The file the operation was on.
     *
     * @return the path (not kept when the exception is serialized)
     */
    public Path path() {
        return path;
    }

    /**
     * The file offset of the failed operation.
     *
     * @return the offset, or -1 for operations without one (open, fsync, close)
     */
    public long offset() {
        return offset;
    }

    /**
     * The kernel's error number.
     *
     * @return the positive errno
     */
    public int errno() {
        return errno;
    }

    /**
     * The errno's symbolic name.
     *
     * @return e.g. {@code "ENOSPC"}
     */
    public String errnoName() {
        return Errno.name(errno);
    }

    /**
     * The cause, for callers that act on it (a full disk, a missing file, ...).
     *
     * @return one of the common causes, or {@link Reason#OTHER}
     */
    public Reason reason() {
        return switch (errno) {
            case Errno.ENOSPC -> Reason.NO_SPACE;
            case Errno.EACCES, Errno.EPERM -> Reason.ACCESS_DENIED;
            case Errno.ENOENT -> Reason.NOT_FOUND;
            case Errno.EBADF -> Reason.BAD_DESCRIPTOR;
            case Errno.EISDIR -> Reason.IS_DIRECTORY;
            default -> Reason.OTHER;
        };
    }
}
