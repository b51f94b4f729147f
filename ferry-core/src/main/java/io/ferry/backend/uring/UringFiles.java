package io.ferry.backend.uring;

import io.ferry.linux.uring.SubmissionEntry;
import io.ferry.spi.FileCallback;
import io.ferry.spi.FileOp;
import io.ferry.file.internal.BoundedFileIo;
import io.ferry.file.internal.WaitingFileOps;
import io.ferry.spi.WholeFileWrite;
import io.ferry.linux.Errno;
import io.ferry.linux.FileConstants;
import io.ferry.linux.IoUringConstants;
import io.ferry.linux.IoVec;
import io.ferry.linux.Statx;
import java.util.Arrays;
import java.util.BitSet;

/**
 * File operations submitted to the loop's own ring: IORING_OP_READ/WRITE/READV/WRITEV, FSYNC,
 * STATX, OPENAT and CLOSE. One thread keeps up to {@code maxInFlight} of them in flight (default
 * 256, {@link io.ferry.spi.FileSettings#uringOpsInFlight()}); more wait and start as earlier ones complete,
 * operations on open files before new opens ({@link WaitingFileOps}).
 *
 * <p>Buffered (not O_DIRECT) writes of {@value #ASYNC_WRITE_BYTES} bytes or more go straight to the
 * kernel's io-wq workers (IOSQE_ASYNC). Without it ext4 completes them inline, in the submitting
 * io_uring_enter, so the loop thread does every page-cache copy on one core; with it the workers
 * copy on all cores (100 x 1 MiB: about 1.3x, level with the JDK's thread pool, see
 * ferry-bench/README.md). Smaller writes stay inline, where a worker hop would cost more than the
 * copy; O_DIRECT writes stay as they are, as the flag only added workers there.
 *
 * <p>Whole-file writes ({@link #writeFile}) take one in-flight slot each and run as linked chains
 * ({@link UringFileWrites}).
 *
 * <p>Like a socket, this object is registered in the driver's op table once per operation, and the
 * callback of each operation sits in an array indexed by the key's slot: no object per operation.
 *
 * <p>Threads: loop thread only.
 */
final class UringFiles extends BoundedFileIo implements UringOp {
    /** Buffered writes from this size on are handed to io-wq (IOSQE_ASYNC). */
    static final long ASYNC_WRITE_BYTES = 128 * 1024;
    private final UringDriver driver;
    private final int maxInFlight;
    private final UringFileWrites wholeFiles;
    private FileCallback[] callbacks = new FileCallback[256];
    /** Per op-table slot: the open(2) flags of an OPEN in flight, so its descriptor can be noted as O_DIRECT. */
    private int[] openFlags = new int[256];
    /** Descriptors opened here with O_DIRECT. */
    private final BitSet directFds = new BitSet();
    private String kernelWorkers = "kernel-default io-wq workers";

    /** @param maxInFlight the most operations on the ring at once (>= 1); more wait, without a bound */
    UringFiles(UringDriver driver, int maxInFlight) {
        super(maxInFlight, Integer.MAX_VALUE);
        this.driver = driver;
        this.maxInFlight = maxInFlight;
        this.wholeFiles = new UringFileWrites(driver, maxInFlight, this::slotFreed);
    }

    @Override
    protected boolean start(FileOp op, int fd, long address, long length, long offset, FileCallback callback) {
        if (op == FileOp.WRITE_FILE) {
            wholeFiles.start((WholeFileWrite) callback);
            return true;
        }
        driver.prepare(1, false);
        long key = driver.registerOp(this);
        int slot = (int) key;
        if (slot >= callbacks.length) {
            callbacks = Arrays.copyOf(callbacks, Math.max(slot + 1, callbacks.length * 2));
            openFlags = Arrays.copyOf(openFlags, callbacks.length);
        }
        callbacks[slot] = callback;
        openFlags[slot] = op == FileOp.OPEN ? (int) length : 0;
        SubmissionEntry sqe = driver.sqe();
        switch (op) {
            case OPEN -> sqe.prepOpenat(FileConstants.AT_FDCWD, address, (int) length | FileConstants.O_CLOEXEC,
                (int) offset);
            case READ -> sqe.prepRead(fd, address, (int) length, offset);
            case WRITE -> asyncIfLarge(sqe.prepWrite(fd, address, (int) length, offset), fd, length);
            case READV -> sqe.prepReadv(fd, address, (int) length, offset);
            case WRITEV -> asyncIfLarge(sqe.prepWritev(fd, address, (int) length, offset), fd,
                IoVec.totalLength(address, (int) length));
            case FSYNC -> sqe.prepFsync(fd, 0);
            case FDATASYNC -> sqe.prepFsync(fd, IoUringConstants.IORING_FSYNC_DATASYNC);
            case STATX -> sqe.prepStatx(fd, Statx.EMPTY_PATH.address(), FileConstants.AT_EMPTY_PATH,
                Statx.OPEN_FILE_MASK, address);
            case CLOSE -> {
                directFds.clear(fd);
                sqe.prepClose(fd);
            }
        }
        sqe.userData(key);
        return true;
    }

    private void asyncIfLarge(SubmissionEntry sqe, int fd, long bytes) {
        asyncIfLarge(sqe, directFds.get(fd), bytes);
    }

    /** Flags a buffered write of {@value #ASYNC_WRITE_BYTES} bytes or more for io-wq (see the class comment). */
    static void asyncIfLarge(SubmissionEntry sqe, boolean direct, long bytes) {
        if (bytes >= ASYNC_WRITE_BYTES && !direct) {
            sqe.flags(IoUringConstants.IOSQE_ASYNC);
        }
    }

    @Override
    public void complete(long key, int res, int flags) {
        int slot = (int) key;
        FileCallback callback = callbacks[slot];
        callbacks[slot] = null;
        if (res >= 0 && (openFlags[slot] & FileConstants.O_DIRECT) != 0) {
            directFds.set(res);
        }
        driver.releaseOp(key);
        slotFreed();
        callback.done(res);
    }

    /** Runs whole-file writes step by step from now on, as where the descriptor table cannot be registered. */
    void wholeFilesStepByStep() {
        wholeFiles.stepByStep(Errno.EMFILE);
    }

    /** The driver's note on the io-wq worker bound it set, for {@link #describe()}. */
    void kernelWorkers(String note) {
        kernelWorkers = note;
    }

    @Override
    public String describe() {
        return "io_uring native (up to " + maxInFlight + " in flight per loop, " + kernelWorkers + ", "
            + wholeFiles.describe() + ")";
    }
}
