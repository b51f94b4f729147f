package io.ferry.spi;

/**
 * A loop's file operations, the file half of the backend SPI ({@link IoDriver#files()}): one typed
 * method per operation. io_uring submits them to its ring, so one thread keeps many in flight; the
 * readiness backends (epoll, java.nio) have no asynchronous file I/O and hand them to a bounded
 * {@link io.ferry.file.internal.BlockingPool}. {@code io.ferry.file.AsyncFile} is written against this
 * interface only and never knows which one runs.
 *
 * <p>Every operation method starts the operation, or queues it behind the ones in flight, and returns
 * at once. Its {@link FileCallback} later receives the result on the loop thread, never from inside
 * the call: the value named under {@code callback}, or {@code -errno}. A method returns false when
 * the operation was refused because a bounded queue is full (the blocking pool pushing back); the
 * callback is then never called. Reads and writes may move fewer bytes than asked; continuing is the
 * caller's job.
 *
 * <p>Threads: loop thread only. Ownership: memory passed by address (paths, buffers, iovec arrays,
 * statx buffers) stays the caller's: it must stay valid and untouched until the callback ran, and
 * the implementation never frees it. A descriptor must not be closed while an operation on it is in
 * flight.
 */
public interface FileIo {
    /**
     * Opens a file: openat(2) relative to the working directory, with O_CLOEXEC added to {@code flags}.
     *
     * @param path address of the NUL-terminated path
     * @param flags open(2) flags
     * @param mode the permission bits of a file the call creates
     * @param callback receives the new descriptor
     * @return false when refused because a bounded queue is full
     */
    boolean open(long path, int flags, int mode, FileCallback callback);

    /**
     * Reads into one buffer at a file offset: pread(2).
     *
     * @param fd an open descriptor
     * @param buffer address of the first byte to fill
     * @param length bytes to read at most
     * @param offset the file offset, at least 0
     * @param callback receives the bytes read, 0 at the end of the file
     * @return false when refused because a bounded queue is full
     */
    boolean read(int fd, long buffer, int length, long offset, FileCallback callback);

    /**
     * Writes one buffer at a file offset: pwrite(2).
     *
     * @param fd an open descriptor
     * @param buffer address of the first byte to write
     * @param length bytes to write
     * @param offset the file offset, at least 0
     * @param callback receives the bytes written
     * @return false when refused because a bounded queue is full
     */
    boolean write(int fd, long buffer, int length, long offset, FileCallback callback);

    /**
     * Reads into several buffers at a file offset, filling them in order: preadv(2).
     *
     * @param fd an open descriptor
     * @param iovecs address of an array of {@code count} struct iovec; the array and the buffers it
     *     points to both stay the caller's
     * @param count entries in the array, 1 to IOV_MAX
     * @param offset the file offset, at least 0
     * @param callback receives the bytes read in all, 0 at the end of the file
     * @return false when refused because a bounded queue is full
     */
    boolean readv(int fd, long iovecs, int count, long offset, FileCallback callback);

    /**
     * Writes several buffers at a file offset, in order: pwritev(2).
     *
     * @param fd an open descriptor
     * @param iovecs address of an array of {@code count} struct iovec; the array and the buffers it
     *     points to both stay the caller's
     * @param count entries in the array, 1 to IOV_MAX
     * @param offset the file offset, at least 0
     * @param callback receives the bytes written in all
     * @return false when refused because a bounded queue is full
     */
    boolean writev(int fd, long iovecs, int count, long offset, FileCallback callback);

    /**
     * Puts the file's data and metadata on stable storage: fsync(2).
     *
     * @param fd an open descriptor
     * @param callback receives 0
     * @return false when refused because a bounded queue is full
     */
    boolean fsync(int fd, FileCallback callback);

    /**
     * Puts the file's data, and the metadata needed to read it, on stable storage: fdatasync(2).
     *
     * @param fd an open descriptor
     * @param callback receives 0
     * @return false when refused because a bounded queue is full
     */
    boolean fdatasync(int fd, FileCallback callback);

    /**
     * Describes an open file: statx(2) on the descriptor itself (AT_EMPTY_PATH), asking for the fields
     * {@code io.ferry.linux.Statx} reads (its open-file mask, the size among them).
     *
     * @param fd an open descriptor
     * @param buffer address of a {@code struct statx} ({@code Statx.SIZE} bytes, 8-byte aligned) the
     *     kernel fills
     * @param callback receives 0; the answer is in {@code buffer}
     * @return false when refused because a bounded queue is full
     */
    boolean statx(int fd, long buffer, FileCallback callback);

    /**
     * Closes a descriptor: close(2). The descriptor is gone whatever the result; a close is not retried.
     *
     * @param fd an open descriptor with no operation in flight
     * @param callback receives 0
     * @return false when refused because a bounded queue is full (the descriptor is then still open)
     */
    boolean close(int fd, FileCallback callback);

    /**
     * Writes a whole file: open, write, optional fsync, close, reported once through {@code write}
     * (see {@link WholeFileWrite}, which carries the arguments and is the callback). It takes one
     * in-flight slot and waits in line like an open. io_uring submits the steps as one linked chain
     * the kernel runs without the loop in between; the blocking pool runs them as one task.
     *
     * @param write the file, the bytes and the callback
     * @return false when refused because a bounded queue is full
     */
    boolean writeFile(WholeFileWrite write);

    /**
     * Operations submitted whose callback has not run yet.
     *
     * @return started and waiting operations
     */
    int inFlight();

    /**
     * Which path runs, for people.
     *
     * @return e.g. {@code "io_uring native"} or {@code "blocking pool (64 threads, queue 4096)"}
     */
    String describe();
}
