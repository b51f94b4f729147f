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

    private final String op;
    private final transient Path path;
    private final long offset;
    private final int errno;

    /**
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

    public String op() {
        return op;
    }

    public Path path() {
        return path;
    }

    /** The file offset of the failed operation, or -1. */
    public long offset() {
        return offset;
    }

    /** The positive errno. */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name, such as {@code "ENOSPC"}. */
    public String errnoName() {
        return Errno.name(errno);
    }

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
