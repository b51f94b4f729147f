package io.ferry.spi;

/**
 * One whole-file write handed to {@link FileIo#writeFile}: open {@link #path()} with
 * {@link #flags()}, write {@link #length()} bytes from {@link #address()} starting at file offset 0
 * (continuing after short writes), fsync when {@link #fsync()}, close. It is its own callback:
 * {@link #done(long)} gets the bytes written, or {@code -errno} right after {@link #failedAt} named
 * the step that failed. When the write or fsync fails the file is still closed, and the first
 * failure is the one reported.
 *
 * <p>Ownership: the path and the bytes must stay valid until {@link #done(long)} ran. Threads: the
 * accessors may be read on any thread; {@link #failedAt} may run on a blocking-pool thread (its
 * effect is published to the loop with the result); {@link #done(long)} runs on the loop thread.
 */
public interface WholeFileWrite extends FileCallback {
    /** Address of the NUL-terminated path. */
    long path();

    /** open(2) flags; they include write access and whatever creation flags the caller chose. */
    int flags();

    /** The mode of a created file. */
    int mode();

    /** Address of the first byte to write. */
    long address();

    /** Bytes to write (may be 0). */
    long length();

    /** Whether to fsync before closing. */
    boolean fsync();

    /**
     * Names the step that failed (OPEN, WRITE, FSYNC or CLOSE) and how many bytes were written
     * before it; called just before {@link #done(long)} with {@code -errno}. Not called for a write
     * that never started (the loop closing: {@code done(-ECANCELED)} alone, the step being OPEN).
     */
    void failedAt(FileOp step, long written);
}
