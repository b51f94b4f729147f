package io.ferry.spi;

/**
 * The file operations of a {@link FileIo}, by name: one per operation method there ({@link #WRITE_FILE}
 * for {@link FileIo#writeFile}), whose Javadoc says what the arguments and the result mean.
 * Implementations use them to tag queued operations; callers use them to name the operation (or the
 * step of a whole-file write, {@link WholeFileWrite#failedAt}) in error messages.
 */
public enum FileOp {
    OPEN("open"),
    READ("read"),
    WRITE("write"),
    READV("readv"),
    WRITEV("writev"),
    FSYNC("fsync"),
    FDATASYNC("fdatasync"),
    STATX("statx"),
    CLOSE("close"),
    WRITE_FILE("write file");

    private final String label;

    FileOp(String label) {
        this.label = label;
    }

    /** The syscall-style name used in error messages. */
    public String label() {
        return label;
    }
}
