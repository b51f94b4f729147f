package io.ferry.file.internal;

import io.ferry.spi.FileCallback;
import io.ferry.spi.FileOp;
import io.ferry.spi.WholeFileWrite;
import io.ferry.linux.Errno;
import io.ferry.linux.FileConstants;
import io.ferry.linux.LibC;
import io.ferry.linux.Statx;
import io.ferry.spi.LoopContext;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * File operations for the readiness backends: each one runs as a plain blocking syscall (pread,
 * pwrite, preadv, pwritev, fsync, statx, openat, close through {@link LibC}) on a bounded
 * {@link BlockingPool}, and its result is posted back to the loop with
 * {@link io.ferry.loop.EventLoop#execute}. The pool starts with the first operation; the loop's
 * {@link io.ferry.spi.FileSettings} size it (default 64 threads, a queue of 4096). Only as many
 * operations as there are threads go to the pool at once; the rest wait on the loop in
 * {@link WaitingFileOps} order (operations on open files before new opens), up to the queue size,
 * beyond which the operation methods refuse ({@link BoundedFileIo}).
 *
 * <p>Threads: the operation methods and {@link #shutdown} on the loop thread; callbacks run there too.
 *
 * <p>Note: the syscalls go through FFM to libc, so this runs on Linux only, also under the java.nio
 * backend; a FileChannel-based variant for other systems does not exist yet.
 */
public final class BlockingFileIo extends BoundedFileIo {
    private final LoopContext loop;
    private final int threads;
    private final int queueCapacity;
    private BlockingPool pool;

    /** @param loop the loop whose {@link io.ferry.spi.FileSettings} size the pool and whose thread gets the results */
    public BlockingFileIo(LoopContext loop) {
        super(loop.fileSettings().blockingThreads(), loop.fileSettings().blockingQueue());
        this.loop = loop;
        this.threads = loop.fileSettings().blockingThreads();
        this.queueCapacity = loop.fileSettings().blockingQueue();
    }

    /** A whole-file write is one pool task that opens, writes, syncs and closes: one hand-off per file. */
    @Override
    protected boolean start(FileOp op, int fd, long address, long length, long offset, FileCallback callback) {
        if (pool == null) {
            pool = new BlockingPool(loop.name() + "-files", threads, threads);
        }
        Runnable task = op == FileOp.WRITE_FILE
            ? () -> post(callback, writeWhole((WholeFileWrite) callback))
            : () -> post(callback, run(op, fd, address, length, offset));
        return pool.trySubmit(task); // false: closed
    }

    /** The syscall itself, on a pool thread; EINTR is retried. */
    static long run(FileOp op, int fd, long address, long length, long offset) {
        long r;
        do {
            r = switch (op) {
                case OPEN -> LibC.openat(FileConstants.AT_FDCWD, address, (int) length | FileConstants.O_CLOEXEC,
                    (int) offset);
                case READ -> LibC.pread(fd, address, length, offset);
                case WRITE -> LibC.pwrite(fd, address, length, offset);
                case READV -> LibC.preadv(fd, address, (int) length, offset);
                case WRITEV -> LibC.pwritev(fd, address, (int) length, offset);
                case FSYNC -> LibC.fsync(fd);
                case FDATASYNC -> LibC.fdatasync(fd);
                case STATX -> LibC.statx(fd, Statx.EMPTY_PATH.address(), FileConstants.AT_EMPTY_PATH,
                    Statx.OPEN_FILE_MASK, address);
                case CLOSE -> LibC.close(fd);
                case WRITE_FILE -> throw new IllegalArgumentException("WRITE_FILE is not one syscall");
            };
        } while (r == -Errno.EINTR && op != FileOp.CLOSE);
        return r;
    }

    /**
     * A whole-file write as plain syscalls on a pool thread: open, pwrite until every byte is written,
     * fsync if asked, close (also after a failed write or fsync). Returns the bytes written or the
     * first failure's -errno, after naming its step.
     */
    static long writeWhole(WholeFileWrite w) {
        long fd = run(FileOp.OPEN, -1, w.path(), w.flags(), w.mode());
        if (fd < 0) {
            w.failedAt(FileOp.OPEN, 0);
            return fd;
        }
        long written = 0;
        long failure = 0;
        FileOp failed = null;
        while (written < w.length() && failed == null) {
            long r = run(FileOp.WRITE, (int) fd, w.address() + written, w.length() - written, written);
            if (r > 0) {
                written += r;
            } else {
                failure = r == 0 ? -Errno.EIO : r;
                failed = FileOp.WRITE;
            }
        }
        if (failed == null && w.fsync()) {
            long r = run(FileOp.FSYNC, (int) fd, 0, 0, 0);
            if (r < 0) {
                failure = r;
                failed = FileOp.FSYNC;
            }
        }
        long closed = run(FileOp.CLOSE, (int) fd, 0, 0, 0);
        if (failed == null && closed < 0) {
            failure = closed;
            failed = FileOp.CLOSE;
        }
        if (failed != null) {
            w.failedAt(failed, written);
            return failure;
        }
        return written;
    }

    /** Hands the result to the loop; a full task queue is waited out, never dropped. Pool thread. */
    private void post(FileCallback callback, long result) {
        Runnable done = () -> {
            slotFreed();
            callback.done(result);
        };
        while (true) {
            try {
                loop.execute(done);
                return;
            } catch (RejectedExecutionException e) {
                if (loop.terminationFuture().isDone()) {
                    return; // the loop is gone, and nobody is left to tell
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    @Override
    public String describe() {
        return "blocking pool (" + threads + " threads, queue " + queueCapacity + ")";
    }

    /**
     * Fails what never started with ECANCELED, waits for running operations to finish (their results
     * are still posted), then ends the pool. Loop thread.
     */
    public void shutdown() {
        cancelWaiting();
        if (pool != null) {
            pool.close();
        }
    }
}
