package io.ferry.file.internal;

import io.ferry.linux.Errno;
import io.ferry.spi.FileCallback;
import io.ferry.spi.FileIo;
import io.ferry.spi.FileOp;
import io.ferry.spi.WholeFileWrite;

/**
 * What both file paths (the io_uring ring and the blocking pool) share: a bound on operations in
 * flight, and the {@link WaitingFileOps} line beyond it. Each typed {@link FileIo} method packs its
 * arguments into one entry shape (the shape {@link FileOpQueue} stores without allocating) and either
 * starts it in a free slot or queues it; a subclass only says how to {@link #start} one entry, and
 * calls {@link #slotFreed()} when an operation ends.
 *
 * <p>The entry shape, per operation ({@code -} unused):
 * <pre>
 *   op          fd    address             length         offset
 *   OPEN        -     path                open flags     mode
 *   READ        fd    buffer              bytes          file offset
 *   WRITE       fd    buffer              bytes          file offset
 *   READV       fd    iovec array         iovec count    file offset
 *   WRITEV      fd    iovec array         iovec count    file offset
 *   FSYNC       fd    -                   -              -
 *   FDATASYNC   fd    -                   -              -
 *   STATX       fd    statx buffer        -              -
 *   CLOSE       fd    -                   -              -
 *   WRITE_FILE  -     -                   -              -     (the callback is the {@link WholeFileWrite})
 * </pre>
 *
 * <p>Threads: loop thread only.
 */
public abstract class BoundedFileIo implements FileIo {
    private static final FileOpQueue.Sink CANCEL =
        (op, fd, address, length, offset, callback) -> callback.done(-Errno.ECANCELED);
    private final WaitingFileOps waiting = new WaitingFileOps();
    private final FileOpQueue.Sink startWaiting = this::startWaiting;
    private final int slots;
    private final int queueCapacity;
    private int running;

    /**
     * @param slots         the most operations started at once (>= 1)
     * @param queueCapacity the most operations waiting beyond them; more are refused
     */
    protected BoundedFileIo(int slots, int queueCapacity) {
        if (slots < 1) {
            throw new IllegalArgumentException("file ops in flight must be >= 1, got " + slots);
        }
        this.slots = slots;
        this.queueCapacity = queueCapacity;
    }

    @Override
    public final boolean open(long path, int flags, int mode, FileCallback callback) {
        return submit(FileOp.OPEN, -1, path, flags, mode, callback);
    }

    @Override
    public final boolean read(int fd, long buffer, int length, long offset, FileCallback callback) {
        return submit(FileOp.READ, fd, buffer, length, offset, callback);
    }

    @Override
    public final boolean write(int fd, long buffer, int length, long offset, FileCallback callback) {
        return submit(FileOp.WRITE, fd, buffer, length, offset, callback);
    }

    @Override
    public final boolean readv(int fd, long iovecs, int count, long offset, FileCallback callback) {
        return submit(FileOp.READV, fd, iovecs, count, offset, callback);
    }

    @Override
    public final boolean writev(int fd, long iovecs, int count, long offset, FileCallback callback) {
        return submit(FileOp.WRITEV, fd, iovecs, count, offset, callback);
    }

    @Override
    public final boolean fsync(int fd, FileCallback callback) {
        return submit(FileOp.FSYNC, fd, 0, 0, 0, callback);
    }

    @Override
    public final boolean fdatasync(int fd, FileCallback callback) {
        return submit(FileOp.FDATASYNC, fd, 0, 0, 0, callback);
    }

    @Override
    public final boolean statx(int fd, long buffer, FileCallback callback) {
        return submit(FileOp.STATX, fd, buffer, 0, 0, callback);
    }

    @Override
    public final boolean close(int fd, FileCallback callback) {
        return submit(FileOp.CLOSE, fd, 0, 0, 0, callback);
    }

    @Override
    public final boolean writeFile(WholeFileWrite write) {
        return submit(FileOp.WRITE_FILE, -1, 0, 0, 0, write);
    }

    private boolean submit(FileOp op, int fd, long address, long length, long offset, FileCallback callback) {
        if (running < slots) {
            return startCounted(op, fd, address, length, offset, callback);
        }
        if (waiting.size() >= queueCapacity) {
            return false;
        }
        waiting.add(op, fd, address, length, offset, callback);
        return true;
    }

    /**
     * Starts one operation in a free slot (arguments as in the entry shape of the class comment). It may
     * complete other operations on the way (their {@link #slotFreed()} then starts the next in line), but
     * never this one's callback.
     *
     * @return false when it cannot start because the implementation is closed; the callback is then
     *     not called
     */
    protected abstract boolean start(FileOp op, int fd, long address, long length, long offset,
                                     FileCallback callback);

    /**
     * An operation that {@link #start} started has ended; called before its callback runs. Its slot goes to
     * the next in line.
     */
    protected final void slotFreed() {
        running--;
        if (!waiting.isEmpty()) {
            waiting.startNext(startWaiting);
        }
    }

    private void startWaiting(FileOp op, int fd, long address, long length, long offset, FileCallback callback) {
        if (!startCounted(op, fd, address, length, offset, callback)) {
            callback.done(-Errno.ECANCELED);
        }
    }

    /**
     * Counts the operation before starting it: starting may complete others, whose callbacks may submit
     * more, and those must see this one's slot as taken.
     */
    private boolean startCounted(FileOp op, int fd, long address, long length, long offset, FileCallback callback) {
        running++;
        if (start(op, fd, address, length, offset, callback)) {
            return true;
        }
        running--;
        return false;
    }

    /** The loop is closing: what never started fails with ECANCELED (what runs completes normally). */
    public final void cancelWaiting() {
        waiting.drain(CANCEL);
    }

    /**
     * Operations waiting for a slot, not started yet.
     *
     * @return queued operations
     */
    public final int waiting() {
        return waiting.size();
    }

    /**
     * Of the {@link #waiting()} operations, the opens (whole-file writes among them).
     *
     * @return queued opens
     */
    public final int waitingOpens() {
        return waiting.opens();
    }

    @Override
    public final int inFlight() {
        return running + waiting.size();
    }
}
