package io.ferry.spi;

/**
 * The file operations of a {@link FileIo}, by name: one per typed method of {@link FileIo}, where
 * their arguments and results are documented, plus {@link #WRITE_FILE} for {@link FileIo#writeFile}.
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
