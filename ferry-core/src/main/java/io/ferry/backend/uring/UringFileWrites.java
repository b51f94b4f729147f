package io.ferry.backend.uring;

import io.ferry.linux.uring.SubmissionEntry;
import io.ferry.spi.FileOp;
import io.ferry.spi.WholeFileWrite;
import io.ferry.linux.Errno;
import io.ferry.linux.FileConstants;
import io.ferry.linux.IoUringConstants;
import java.util.Arrays;

/**
 * Whole-file writes on the ring ({@link io.ferry.spi.FileIo#writeFile}): openat into a direct
 * descriptor (a slot of the ring's registered file table, no process descriptor), write, optional
 * fsync and close, submitted together as one linked chain, so the kernel starts each step when the
 * one before it completed, without a trip through the loop's user code. A short write or a failure
 * cancels the rest of the chain (ECANCELED); this class then goes on with a new chain for the bytes
 * left, or with a lone close after a failure, and reports the first failure.
 *
 * <p>When the table cannot be registered (RLIMIT_NOFILE below it, say) the same steps run one at a
 * time with an ordinary descriptor, each submitted when the one before completed.
 *
 * <p>State per write lives in arrays indexed by the table slot, and each SQE's step in an array
 * indexed by its op-table key: nothing is allocated per write here. Threads: loop thread only.
 */
final class UringFileWrites implements UringOp {
    private static final System.Logger LOG = System.getLogger("io.ferry.linux.uring");
    private static final int OPEN = 0;
    private static final int WRITE = 1;
    private static final int FSYNC = 2;
    private static final int CLOSE = 3;
    private static final FileOp[] STEP_OPS = {FileOp.OPEN, FileOp.WRITE, FileOp.FSYNC, FileOp.CLOSE};
    /** The most bytes one write SQE asks for; the kernel caps a write just below 2 GiB anyway. */
    private static final long MAX_WRITE = 1 << 30;
    private final UringDriver driver;
    private final Runnable finished;
    private final int slots;
    /** 0 before the first write, 1 with the direct-descriptor table registered, else its -errno. */
    private int table;
    private final WholeFileWrite[] writes;
    private final int[] fds;
    private final long[] written;
    private final int[] pending;
    private final int[] error;
    private final int[] errorStep;
    private final boolean[] open;
    private final boolean[] synced;
    private final int[] free;
    private int freeCount;
    private int[] keySteps = new int[256];

    /**
     * @param slots    the most writes at once (the file ops in-flight bound)
     * @param finished called when a write has ended, before its callback runs, to free its in-flight slot
     */
    UringFileWrites(UringDriver driver, int slots, Runnable finished) {
        this.driver = driver;
        this.slots = slots;
        this.finished = finished;
        writes = new WholeFileWrite[slots];
        fds = new int[slots];
        written = new long[slots];
        pending = new int[slots];
        error = new int[slots];
        errorStep = new int[slots];
        open = new boolean[slots];
        synced = new boolean[slots];
        free = new int[slots];
        for (int i = 0; i < slots; i++) {
            free[i] = slots - 1 - i;
        }
        freeCount = slots;
    }

    /** Starts {@code w}; the caller guarantees a free slot (it holds one of the in-flight slots). */
    void start(WholeFileWrite w) {
        if (table == 0) {
            registerTable();
        }
        int s = free[--freeCount];
        writes[s] = w;
        fds[s] = -1;
        written[s] = 0;
        pending[s] = 0;
        error[s] = 0;
        open[s] = false;
        synced[s] = false;
        submitFrom(s, OPEN);
    }

    private void registerTable() {
        int r = driver.registerDirectFiles(slots);
        if (r == 0) {
            table = 1;
        } else {
            stepByStep(-r);
        }
    }

    /** From now on every write runs step by step, as if the table had failed to register with {@code errno}. */
    void stepByStep(int errno) {
        table = -errno;
        LOG.log(System.Logger.Level.INFO, "io_uring: whole-file writes run step by step, the direct descriptor"
            + " table of " + slots + " did not register: " + Errno.name(errno));
    }

    /** How whole-file writes run, for {@code describe()}. */
    String describe() {
        if (table < 0) {
            return "whole-file writes step by step (" + Errno.name(-table) + ")";
        }
        return table == 1 ? "whole-file writes as linked chains"
            : "whole-file writes as linked chains once their descriptor table registers (at the first)";
    }

    /** Submits the steps still to do from {@code first} on: all of them linked, or only the first one. */
    private void submitFrom(int s, int first) {
        WholeFileWrite w = writes[s];
        boolean linked = table == 1;
        int steps = 0; // a bit per step, so that nothing is allocated and prepare() may re-enter safely
        for (int step = first; step <= CLOSE && (linked || steps == 0); step++) {
            boolean needed = switch (step) {
                case OPEN -> true;
                case WRITE -> written[s] < w.length();
                case FSYNC -> w.fsync() && !synced[s];
                default -> true;
            };
            if (needed) {
                steps |= 1 << step;
            }
        }
        int n = Integer.bitCount(steps);
        driver.prepare(n, false);
        for (int step = first, i = 0; step <= CLOSE; step++) {
            if ((steps & 1 << step) == 0) {
                continue;
            }
            long key = driver.registerOp(this);
            int k = (int) key;
            if (k >= keySteps.length) {
                keySteps = Arrays.copyOf(keySteps, Math.max(k + 1, keySteps.length * 2));
            }
            keySteps[k] = s << 2 | step;
            SubmissionEntry sqe = driver.sqe();
            prepare(sqe, s, step, linked);
            if (++i < n) {
                // A failed fsync must still let the close run; a failed open or write ends the chain.
                sqe.flags(step == FSYNC ? IoUringConstants.IOSQE_IO_HARDLINK : IoUringConstants.IOSQE_IO_LINK);
            }
            sqe.userData(key);
        }
        pending[s] += n;
    }

    private void prepare(SubmissionEntry sqe, int s, int step, boolean linked) {
        WholeFileWrite w = writes[s];
        int file = linked ? s : fds[s];
        switch (step) {
            case OPEN -> {
                // A direct descriptor cannot carry O_CLOEXEC (the kernel refuses it); it never reaches exec anyway.
                int flags = linked ? w.flags() : w.flags() | FileConstants.O_CLOEXEC;
                sqe.prepOpenat(FileConstants.AT_FDCWD, w.path(), flags, w.mode());
                if (linked) {
                    sqe.fileIndex(s + 1);
                }
            }
            case WRITE -> {
                int bytes = (int) Math.min(w.length() - written[s], MAX_WRITE);
                sqe.prepWrite(file, w.address() + written[s], bytes, written[s]);
                UringFiles.asyncIfLarge(sqe, (w.flags() & FileConstants.O_DIRECT) != 0, bytes);
            }
            case FSYNC -> sqe.prepFsync(file, 0);
            default -> {
                sqe.prepClose(linked ? 0 : file);
                if (linked) {
                    sqe.fileIndex(s + 1);
                }
            }
        }
        if (linked && (step == WRITE || step == FSYNC)) {
            sqe.flags(IoUringConstants.IOSQE_FIXED_FILE);
        }
    }

    @Override
    public void complete(long key, int res, int flags) {
        int ks = keySteps[(int) key];
        driver.releaseOp(key);
        int s = ks >>> 2;
        int step = ks & 3;
        pending[s]--;
        if (res == -Errno.ECANCELED) {
            // the chain was cut by the step before (a failure, or a short write): decided in next()
        } else if (step == OPEN) {
            if (res >= 0) {
                open[s] = true;
                fds[s] = table == 1 ? -1 : res;
            } else {
                fail(s, OPEN, res);
            }
        } else if (step == WRITE) {
            if (res > 0) {
                written[s] += res;
            } else if (res != -Errno.EAGAIN && res != -Errno.EINTR) {
                fail(s, WRITE, res == 0 ? -Errno.EIO : res);
            }
        } else if (step == FSYNC) {
            if (res >= 0) {
                synced[s] = true;
            } else {
                fail(s, FSYNC, res);
            }
        } else {
            open[s] = false;
            if (res < 0) {
                fail(s, CLOSE, res);
            }
        }
        if (pending[s] == 0) {
            next(s);
        }
    }

    private void fail(int s, int step, int res) {
        if (error[s] == 0) {
            error[s] = res;
            errorStep[s] = step;
        }
    }

    /** Every CQE of the last submission is in: continue, close after a failure, or finish. */
    private void next(int s) {
        WholeFileWrite w = writes[s];
        if (error[s] != 0) {
            if (open[s]) {
                submitFrom(s, CLOSE);
            } else {
                finish(s);
            }
        } else if (written[s] < w.length()) {
            submitFrom(s, WRITE);
        } else if (w.fsync() && !synced[s]) {
            submitFrom(s, FSYNC);
        } else if (open[s]) {
            submitFrom(s, CLOSE);
        } else {
            finish(s);
        }
    }

    private void finish(int s) {
        WholeFileWrite w = writes[s];
        int err = error[s];
        FileOp step = STEP_OPS[errorStep[s]];
        long bytes = written[s];
        writes[s] = null;
        free[freeCount++] = s;
        finished.run();
        if (err != 0) {
            w.failedAt(step, bytes);
            w.done(err);
        } else {
            w.done(bytes);
        }
    }
}
