package io.ferry.linux;

import java.io.IOException;

/**
 * A native operation failed with an errno. The message reads like
 * {@code recv failed: ECONNRESET (Connection reset by peer)}.
 *
 * <p>Created only through {@link Errno}, the single errno-to-exception conversion point. Immutable; any thread.
 */
public final class NativeIoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final int errno;

    /**
     * @param op the failed operation, such as {@code "io_uring_setup"} or {@code "recv"}
     * @param errno the positive errno value
     */
    public NativeIoException(String op, int errno) {
        super(op + " failed: " + Errno.name(errno) + " (" + Errno.message(errno) + ")");
        this.op = op;
        this.errno = errno;
    }

    /** Returns the failed operation's name. */
    public String op() {
        return op;
    }

    /** Returns the positive errno value. */
    public int errno() {
        return errno;
    }

    /** Returns the errno's symbolic name, such as {@code "ECONNRESET"}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** Returns true for errors that mean the peer went away: ECONNRESET, EPIPE, ECONNABORTED, ENOTCONN. */
    public boolean isConnectionReset() {
        return errno == Errno.ECONNRESET || errno == Errno.EPIPE || errno == Errno.ECONNABORTED
            || errno == Errno.ENOTCONN;
    }

    /** Returns true for ECANCELED, the result of an operation cancelled before it finished. */
    public boolean isCancelled() {
        return errno == Errno.ECANCELED;
    }

    /** Returns true for EMFILE or ENFILE: out of file descriptors (back off, do not crash). */
    public boolean isOutOfDescriptors() {
        return errno == Errno.EMFILE || errno == Errno.ENFILE;
    }
}
