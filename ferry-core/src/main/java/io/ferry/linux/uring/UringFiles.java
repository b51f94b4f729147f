package io.ferry.linux.uring;

import io.ferry.backend.FileCallback;
import io.ferry.backend.FileIo;
import io.ferry.backend.FileOp;
import io.ferry.linux.Errno;
import io.ferry.linux.FileConstants;
import io.ferry.linux.IoUringConstants;
import io.ferry.linux.Statx;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * File operations submitted to the loop's own ring: IORING_OP_READ/WRITE/READV/WRITEV, FSYNC,
 * STATX, OPENAT and CLOSE. One thread keeps up to {@code maxInFlight} of them in flight (default
 * 256, {@code -Dferry.uring.fileOps=N}); more wait in a FIFO and start as earlier ones complete.
 *
 * <p>Like a socket, this object is registered in the driver's op table once per operation, and the
 * callback of each operation sits in an array indexed by the key's slot: no object per operation.
 *
 * <p>Threads: loop thread only.
 */
final class UringFiles implements FileIo, UringOp {
    private static final MemorySegment EMPTY_PATH = Arena.global().allocateFrom("");
    private static final int STATX_MASK = Statx.STATX_TYPE | Statx.STATX_MODE | Statx.STATX_SIZE;
    private final UringDriver driver;
    private final int maxInFlight;
    private final FileOpQueue waiting = new FileOpQueue();
    private final FileOpQueue.Sink start = this::start;
    private FileCallback[] callbacks = new FileCallback[256];
    private int inFlight;

    UringFiles(UringDriver driver, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("file ops in flight must be >= 1, got " + maxInFlight);
        }
        this.driver = driver;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public boolean submit(FileOp op, int fd, long address, long length, long offset, FileCallback callback) {
        if (inFlight >= maxInFlight) {
            waiting.add(op, fd, address, length, offset, callback);
        } else {
            start(op, fd, address, length, offset, callback);
        }
        return true;
    }

    private void start(FileOp op, int fd, long address, long length, long offset, FileCallback callback) {
        driver.prepare(1, false);
        long key = driver.registerOp(this);
        int slot = (int) key;
        if (slot >= callbacks.length) {
            callbacks = Arrays.copyOf(callbacks, Math.max(slot + 1, callbacks.length * 2));
        }
        callbacks[slot] = callback;
        inFlight++;
        SubmissionEntry sqe = driver.sqe();
        switch (op) {
            case OPEN -> sqe.prepOpenat(FileConstants.AT_FDCWD, address, (int) length | FileConstants.O_CLOEXEC,
                (int) offset);
            case READ -> sqe.prepRead(fd, address, (int) length, offset);
            case WRITE -> sqe.prepWrite(fd, address, (int) length, offset);
            case READV -> sqe.prepReadv(fd, address, (int) length, offset);
            case WRITEV -> sqe.prepWritev(fd, address, (int) length, offset);
            case FSYNC -> sqe.prepFsync(fd, 0);
            case FDATASYNC -> sqe.prepFsync(fd, IoUringConstants.IORING_FSYNC_DATASYNC);
            case STATX -> sqe.prepStatx(fd, EMPTY_PATH.address(), FileConstants.AT_EMPTY_PATH, STATX_MASK, address);
            case CLOSE -> sqe.prepClose(fd);
        }
        sqe.userData(key);
    }

    @Override
    public void complete(long key, int res, int flags) {
        int slot = (int) key;
        FileCallback callback = callbacks[slot];
        callbacks[slot] = null;
        driver.releaseOp(key);
        inFlight--;
        if (!waiting.isEmpty()) {
            waiting.poll(start);
        }
        callback.done(res);
    }

    /** The loop is closing: what never started fails with ECANCELED (what runs completes normally). */
    void cancelWaiting() {
        while (!waiting.isEmpty()) {
            waiting.poll((op, fd, address, length, offset, callback) -> callback.done(-Errno.ECANCELED));
        }
    }

    /** Operations waiting for a slot (not yet submitted to the kernel). */
    int waiting() {
        return waiting.size();
    }

    @Override
    public int inFlight() {
        return inFlight + waiting.size();
    }

    @Override
    public String describe() {
        return "io_uring native (up to " + maxInFlight + " in flight per loop)";
    }
}
