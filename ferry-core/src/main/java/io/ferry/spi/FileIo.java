package io.ferry.spi;

/**
 * A loop's file operations, the file half of the backend SPI ({@link IoDriver#files()}). io_uring
 * submits them to its ring, so one thread keeps many in flight; the readiness backends (epoll,
 * java.nio) have no asynchronous file I/O and hand them to a bounded
 * {@link io.ferry.file.internal.BlockingPool}. {@code io.ferry.file.AsyncFile} is written against this
 * interface only and never knows which one runs.
 *
 * <p>Threads: loop thread only. Ownership: memory passed by address (buffers, paths, iovecs, statx
 * buffers) must stay valid until the callback ran; the caller keeps it alive, the implementation
 * never frees it. A descriptor must not be closed while an operation on it is in flight.
 */
public interface FileIo {
    /**
     * Starts {@code op} (argument meanings per op are in {@link FileOp}); {@code callback} later
     * receives the result on the loop thread, never from inside this call.
     *
     * @return false when the operation was not accepted because a bounded queue is full (the
     *     blocking pool pushing back); the callback is then never called
     * @throws IllegalArgumentException for {@link FileOp#WRITE_FILE}, which goes through {@link #writeFile}
     */
    default boolean submit(FileOp op, int fd, long address, long length, long offset, FileCallback callback) {
        if (op == FileOp.WRITE_FILE) {
            throw new IllegalArgumentException("WRITE_FILE goes through writeFile");
        }
        return accept(op, fd, address, length, offset, callback);
    }

    /**
     * Starts a whole-file write: open, write, optional fsync, close, reported once through
     * {@code write} (see {@link WholeFileWrite}). It takes one in-flight slot and waits in line like an
     * open. io_uring submits the steps as one linked chain the kernel runs without the loop in between;
     * the blocking pool runs them as one task.
     *
     * @return false when refused because a bounded queue is full, as for {@link #submit}
     */
    default boolean writeFile(WholeFileWrite write) {
        return accept(FileOp.WRITE_FILE, -1, 0, 0, 0, write);
    }

    /**
     * The implementations' one entry behind {@link #submit} and {@link #writeFile}: starts or queues
     * {@code op}, a {@link FileOp#WRITE_FILE} included (its callback is then the {@link WholeFileWrite}).
     * Callers use the other two.
     */
    boolean accept(FileOp op, int fd, long address, long length, long offset, FileCallback callback);

    /** Operations submitted whose callback has not run yet. */
    int inFlight();

    /** Which path runs, for people: {@code "io_uring native"} or {@code "blocking pool (64 threads, queue 4096)"}. */
    String describe();
}
