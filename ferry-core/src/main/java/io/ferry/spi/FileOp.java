package io.ferry.spi;

/**
 * The file operations a {@link FileIo} runs, and what the arguments of
 * {@link FileIo#submit(FileOp, int, long, long, long, FileCallback)} mean for each.
 *
 * <pre>
 *   op         fd        address                 length        offset      result
 *   OPEN       unused    NUL-terminated path     open flags    mode        the new descriptor
 *   READ       fd        buffer                  bytes         file offset bytes read, 0 at EOF
 *   WRITE      fd        buffer                  bytes         file offset bytes written
 *   READV      fd        iovec array             iovec count   file offset bytes read, 0 at EOF
 *   WRITEV     fd        iovec array             iovec count   file offset bytes written
 *   FSYNC      fd        unused                  unused        unused      0
 *   FDATASYNC  fd        unused                  unused        unused      0
 *   STATX      fd        256-byte statx buffer   unused        unused      0 (size etc. in the buffer)
 *   CLOSE      fd        unused                  unused        unused      0
 *   WRITE_FILE only through {@link FileIo#writeFile}; the {@link WholeFileWrite} carries its arguments
 * </pre>
 *
 * Reads and writes may move fewer bytes than asked; continuing is the caller's job.
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
