package io.ferry.linux.uring;

import static io.ferry.linux.IoUringConstants.IORING_ENTER_EXT_ARG;
import static io.ferry.linux.IoUringConstants.IORING_ENTER_GETEVENTS;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_EXT_ARG;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_SINGLE_MMAP;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_COOP_TASKRUN;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_CQSIZE;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_DEFER_TASKRUN;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_SINGLE_ISSUER;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_SUBMIT_ALL;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_TASKRUN_FLAG;
import static io.ferry.linux.IoUringConstants.IORING_SQ_CQ_OVERFLOW;
import static io.ferry.linux.IoUringConstants.IORING_SQ_TASKRUN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ferry.diagnostics.Checks;
import io.ferry.linux.Errno;
import io.ferry.linux.IoUringConstants;
import io.ferry.linux.IoUringCqe;
import io.ferry.linux.IoUringGeteventsArg;
import io.ferry.linux.IoUringParams;
import io.ferry.linux.IoUringRsrcUpdate;
import io.ferry.linux.IoUringSyscalls;
import io.ferry.linux.KernelTimespec;
import io.ferry.linux.LibC;
import io.ferry.linux.NativeAccess;
import io.ferry.linux.NativeIoException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One io_uring instance: the mmapped submission and completion rings, submission, completion draining and
 * registration. No event loop; the uring backend builds on this.
 *
 * <p>Typical use on the owner thread:
 * <pre>{@code
 * int slot = ring.nextSqe();                       // -1 when the SQ is full: submit, then retry
 * ring.sqe(slot).prepRecv(fd, buf, len, 0).userData(token);
 * ring.submitAndWait(1);                           // one syscall: submit everything, wait for >= 1 CQE
 * ring.forEachCompletion((ud, res, flags) -> ..., 256);
 * }</pre>
 *
 * <p>Memory ordering: SQEs are written with plain stores, then the SQ tail is published with a release store; the CQ
 * tail is read with an acquire load, CQEs with plain loads, and the CQ head is published with a release store once
 * per batch.
 *
 * <p>Threading: not thread-safe. One owner thread (the creator) calls everything except {@link #ringFd()} (other
 * rings may target it with MSG_RING); with {@code -Dferry.checks=true} other threads get an IllegalStateException.
 * Note: with IORING_SETUP_SINGLE_ISSUER | DEFER_TASKRUN (chosen by {@link #open(int, int)} when available) the
 * kernel accepts io_uring_enter only from the thread that created the ring (-EEXIST otherwise), and completions are
 * posted only while the owner is inside io_uring_enter with GETEVENTS, so poll completions with
 * {@link #submitAndWait(int)} ({@code 0} means "do not block"), not with a bare {@link #submit()}.
 *
 * <p>Ownership: the ring owns its mmapped memory and descriptor; {@link #close()} frees them. Memory named by SQEs
 * belongs to the caller and must outlive the matching CQE. Note: user_data {@code -1} is reserved for the ring's
 * internal timeout and never delivered.
 */
public final class IoUring implements CompletionSource, AutoCloseable {
    /** user_data of the internal timeout used when the kernel lacks IORING_FEAT_EXT_ARG; filtered out. */
    public static final long INTERNAL_TIMEOUT_USER_DATA = -1L;

    private static final VarHandle VH_INT = JAVA_INT.varHandle();
    private static final int[] SETUP_ATTEMPTS = {
        IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_TASKRUN_FLAG | IORING_SETUP_SUBMIT_ALL,
        IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG | IORING_SETUP_SUBMIT_ALL,
        IORING_SETUP_SUBMIT_ALL,
        0,
    };

    private final int fd;
    private final int setupFlags;
    private final int features;
    private final RingMemory mem;
    private final MemorySegment sq;
    private final MemorySegment cq;
    private final long sqHead;
    private final long sqTail;
    private final long sqFlags;
    private final long sqDropped;
    private final int sqMask;
    private final int sqEntries;
    private final long cqHeadOff;
    private final long cqTail;
    private final long cqOverflow;
    private final long cqes;
    private final int cqMask;
    private final int cqEntries;
    private final SubmissionEntry sqe;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment waitArg;
    private final MemorySegment waitTs;
    private final Thread creator = Thread.currentThread();
    private int enterFd;
    /** io_uring_enter calls, those that submitted, and the SQEs they submitted: owner thread only. */
    private long enters;
    private long submitCalls;
    private long submitted;
    private int enterFlags;
    private int sqeTail;
    private int cqHead;
    private boolean timeoutFallback;
    private boolean closed;

    private IoUring(int fd, MemorySegment params, RingMemory mem) {
        this.fd = fd;
        this.enterFd = fd;
        this.mem = mem;
        this.setupFlags = IoUringParams.flags(params);
        this.features = IoUringParams.features(params);
        this.sq = mem.sqRing();
        this.cq = mem.cqRing();
        this.sqHead = IoUringParams.sqOff(params, IoUringParams.OFF_HEAD);
        this.sqTail = IoUringParams.sqOff(params, IoUringParams.OFF_TAIL);
        this.sqFlags = IoUringParams.sqOff(params, IoUringParams.SQ_OFF_FLAGS);
        this.sqDropped = IoUringParams.sqOff(params, IoUringParams.SQ_OFF_DROPPED);
        this.sqMask = sq.get(JAVA_INT, IoUringParams.sqOff(params, IoUringParams.OFF_RING_MASK));
        this.sqEntries = sq.get(JAVA_INT, IoUringParams.sqOff(params, IoUringParams.OFF_RING_ENTRIES));
        this.cqHeadOff = IoUringParams.cqOff(params, IoUringParams.OFF_HEAD);
        this.cqTail = IoUringParams.cqOff(params, IoUringParams.OFF_TAIL);
        this.cqOverflow = IoUringParams.cqOff(params, IoUringParams.CQ_OFF_OVERFLOW);
        this.cqes = IoUringParams.cqOff(params, IoUringParams.CQ_OFF_CQES);
        this.cqMask = cq.get(JAVA_INT, IoUringParams.cqOff(params, IoUringParams.OFF_RING_MASK));
        this.cqEntries = cq.get(JAVA_INT, IoUringParams.cqOff(params, IoUringParams.OFF_RING_ENTRIES));
        long array = IoUringParams.sqOff(params, IoUringParams.SQ_OFF_ARRAY);
        for (int i = 0; i < sqEntries; i++) {
            sq.set(JAVA_INT, array + 4L * i, i); // identity map: SQE i sits in slot i
        }
        this.sqeTail = sq.get(JAVA_INT, sqTail);
        this.cqHead = cq.get(JAVA_INT, cqHeadOff);
        this.sqe = new SubmissionEntry(mem.sqes());
        this.waitArg = arena.allocate(IoUringGeteventsArg.LAYOUT);
        this.waitTs = arena.allocate(KernelTimespec.LAYOUT);
        this.timeoutFallback = (features & IORING_FEAT_EXT_ARG) == 0;
    }

    /**
     * Sets up a ring with the best task-running mode the kernel accepts: SINGLE_ISSUER | DEFER_TASKRUN, else
     * COOP_TASKRUN, else none (each with TASKRUN_FLAG and SUBMIT_ALL, dropped in turn on -EINVAL).
     *
     * @param entries SQ size (rounded up to a power of two)
     * @param cqEntries CQ size, or 0 for the kernel default (twice the SQ)
     * @return the ring, owned by the calling thread
     * @throws NativeIoException when io_uring_setup or mmap fails for another reason than unknown flags
     */
    public static IoUring open(int entries, int cqEntries) throws NativeIoException {
        NativeIoException last = null;
        for (int flags : SETUP_ATTEMPTS) {
            try {
                return setup(entries, cqEntries, flags);
            } catch (NativeIoException e) {
                if (e.errno() != Errno.EINVAL) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /**
     * Sets up a ring with exactly {@code flags} (IORING_SETUP_*; CQSIZE is added when {@code cqEntries > 0}).
     *
     * @throws NativeIoException when io_uring_setup (-EINVAL for unknown flags, -EPERM, -ENOSYS, -ENOMEM) or mmap
     *     fails
     */
    public static IoUring setup(int entries, int cqEntries, int flags) throws NativeIoException {
        if (!NativeAccess.isEnabled()) {
            throw new IllegalStateException(NativeAccess.unavailableReason());
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = a.allocate(IoUringParams.LAYOUT);
            IoUringParams.flags(params, cqEntries > 0 ? flags | IORING_SETUP_CQSIZE : flags);
            if (cqEntries > 0) {
                IoUringParams.cqEntries(params, cqEntries);
            }
            int fd = Errno.check("io_uring_setup", IoUringSyscalls.setup(entries, params.address()));
            RingMemory mem;
            try {
                mem = RingMemory.map(fd, params);
            } catch (NativeIoException | RuntimeException e) {
                LibC.close(fd);
                throw e;
            }
            return new IoUring(fd, params, mem);
        }
    }

    /** Returns whether io_uring works in this process, and why not; probed once and cached. */
    public static IoUringAvailability availability() {
        return AvailabilityProbe.RESULT;
    }

    // ---------------------------------------------------------------- submission

    /**
     * Claims the next free SQE. Every claimed SQE is handed to the kernel by the next submit, so prepare each one
     * (a {@code prepNop()} will do for one you no longer need).
     *
     * @return its index, for {@link #sqe(int)}; or -1 when the SQ is full (submit, then try again). Never throws.
     */
    public int nextSqe() {
        if (Checks.ENABLED) {
            checkOwner();
        }
        int head = (int) VH_INT.getAcquire(sq, sqHead);
        if (sqeTail - head >= sqEntries) {
            return -1;
        }
        return sqeTail++ & sqMask;
    }

    /** Points the ring's single {@link SubmissionEntry} flyweight at SQE {@code index} and returns it. */
    public SubmissionEntry sqe(int index) {
        return sqe.wrap(index);
    }

    /**
     * io_uring_enter calls this ring made. Owner thread.
     *
     * @return the count since the ring was set up
     */
    public long enterCount() {
        return enters;
    }

    /**
     * io_uring_enter calls that submitted at least one SQE. Owner thread.
     *
     * @return the count since the ring was set up
     */
    public long submitCallCount() {
        return submitCalls;
    }

    /**
     * SQEs the kernel consumed. Owner thread.
     *
     * @return the count since the ring was set up
     */
    public long submittedCount() {
        return submitted;
    }

    /** Returns the number of SQEs claimed but not yet consumed by the kernel. */
    public int sqPending() {
        return sqeTail - (int) VH_INT.getAcquire(sq, sqHead);
    }

    /**
     * Submits the claimed SQEs without waiting. Enters with GETEVENTS when the kernel flagged a CQ overflow or
     * pending task work, so those get flushed.
     *
     * @return SQEs submitted (0 when there was nothing to do), or -errno: -EBUSY/-EAGAIN mean the completion backlog
     *     is full: drain completions, then call again
     */
    public int submit() {
        return enter(0, 0, 0L, 0L);
    }

    /**
     * Submits and waits until at least {@code waitNr} completions are ready. {@code waitNr == 0} still enters with
     * GETEVENTS (needed under DEFER_TASKRUN to reap completions) but never blocks. -EINTR is retried.
     *
     * @return SQEs submitted, or -errno (see {@link #submit()})
     */
    public int submitAndWait(int waitNr) {
        return enter(waitNr, IORING_ENTER_GETEVENTS, 0L, 0L);
    }

    /**
     * As {@link #submitAndWait(int)} but gives up after {@code timeoutNanos}.
     *
     * <p>Uses IORING_ENTER_EXT_ARG (kernel 5.11); on older kernels an internal IORING_OP_TIMEOUT SQE with user_data
     * {@link #INTERNAL_TIMEOUT_USER_DATA} (filtered from {@link #forEachCompletion}) bounds the wait.
     *
     * @return SQEs submitted (not counting an internal timeout), -ETIME when the time ran out with nothing
     *     submitted, or another -errno
     */
    public int submitAndWait(int waitNr, long timeoutNanos) {
        KernelTimespec.setNanos(waitTs, 0, Math.max(0, timeoutNanos));
        if (!timeoutFallback) {
            IoUringGeteventsArg.set(waitArg, waitTs.address());
            return enter(waitNr, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG, waitArg.address(),
                IoUringGeteventsArg.SIZE);
        }
        if (waitNr <= 0) {
            return submitAndWait(0);
        }
        int slot = nextSqe();
        if (slot < 0) {
            int r = submit();
            if (r < 0) {
                return r;
            }
            slot = nextSqe();
            if (slot < 0) {
                return -Errno.EBUSY;
            }
        }
        sqe(slot).prepTimeout(waitTs.address(), waitNr, 0).userData(INTERNAL_TIMEOUT_USER_DATA);
        int r = enter(waitNr, IORING_ENTER_GETEVENTS, 0L, 0L);
        return r > 0 ? r - 1 : r;
    }

    private int enter(int waitNr, int flags, long arg, long argSize) {
        if (Checks.ENABLED) {
            checkOwner();
        }
        flags |= enterFlags;
        int toSubmit = flushSq();
        int sqFlagsNow = (int) VH_INT.getAcquire(sq, sqFlags);
        if ((sqFlagsNow & (IORING_SQ_CQ_OVERFLOW | IORING_SQ_TASKRUN)) != 0) {
            flags |= IORING_ENTER_GETEVENTS;
        }
        if (toSubmit == 0 && (flags & IORING_ENTER_GETEVENTS) == 0) {
            return 0;
        }
        for (;;) {
            int r = IoUringSyscalls.enter(enterFd, toSubmit, waitNr, flags, arg, argSize);
            enters++;
            if (r > 0) {
                submitCalls++;
                submitted += r;
            }
            if (r != -Errno.EINTR) {
                return r;
            }
            toSubmit = flushSq();
        }
    }

    /** Publishes claimed SQEs with a release store of the SQ tail; returns how many the kernel has yet to take. */
    private int flushSq() {
        VH_INT.setRelease(sq, sqTail, sqeTail);
        return sqeTail - (int) VH_INT.getAcquire(sq, sqHead);
    }

    // ---------------------------------------------------------------- completion

    /**
     * Delivers up to {@code limit} ready CQEs to {@code visitor}. Never waits and never allocates.
     *
     * <p>Note: each CQE is copied out and the head moved past it before its visitor runs, so a visitor may
     * drain again (a submission inside a handler that answers -EBUSY makes room that way): the nested call
     * starts after the CQE being handled, and this one carries on after whatever the nested call took.
     *
     * @return the number this call delivered itself
     */
    @Override
    public int forEachCompletion(CompletionVisitor visitor, int limit) {
        if (Checks.ENABLED) {
            checkOwner();
        }
        int delivered = 0;
        int tail = (int) VH_INT.getAcquire(cq, cqTail);
        while (delivered < limit && tail - cqHead > 0) {
            long at = cqes + (long) (cqHead & cqMask) * IoUringCqe.SIZE;
            long userData = cq.get(JAVA_LONG, at + IoUringCqe.USER_DATA);
            int res = cq.get(JAVA_INT, at + IoUringCqe.RES);
            int cqeFlags = cq.get(JAVA_INT, at + IoUringCqe.FLAGS);
            cqHead++;
            VH_INT.setRelease(cq, cqHeadOff, cqHead); // a plain store on x86: the slot is the kernel's again
            if (userData != INTERNAL_TIMEOUT_USER_DATA) {
                delivered++;
                visitor.onCompletion(userData, res, cqeFlags);
            }
        }
        return delivered;
    }

    /** Returns the number of CQEs ready to be drained (acquire read of the CQ tail). */
    public int cqReady() {
        return (int) VH_INT.getAcquire(cq, cqTail) - cqHead;
    }

    /** Returns true when the kernel holds completions that did not fit in the CQ (drain, then enter to flush). */
    public boolean cqOverflowPending() {
        return ((int) VH_INT.getAcquire(sq, sqFlags) & IORING_SQ_CQ_OVERFLOW) != 0;
    }

    /** Returns the kernel's count of dropped CQEs (stays 0 with IORING_FEAT_NODROP unless memory ran out). */
    public int cqOverflowCount() {
        return (int) VH_INT.getAcquire(cq, cqOverflow);
    }

    /** Returns the kernel's count of invalid SQEs it dropped. */
    public int sqDroppedCount() {
        return (int) VH_INT.getAcquire(sq, sqDropped);
    }

    // ---------------------------------------------------------------- registration

    /**
     * Raw io_uring_register on this ring.
     *
     * @return the kernel result, or -errno
     */
    public int register(int opcode, long arg, int nrArgs) {
        return IoUringSyscalls.register(fd, opcode, arg, nrArgs);
    }

    /**
     * Registers {@code count} buffers, described by the {@link io.ferry.linux.IoVec} array at {@code iovecs}, for
     * READ_FIXED/WRITE_FIXED (buffer index = position in the array). The pages are pinned until unregistered.
     *
     * @return 0 or -errno (-ENOMEM when RLIMIT_MEMLOCK is too small on older kernels, -EBUSY when already registered)
     */
    public int registerBuffers(long iovecs, int count) {
        return register(IoUringConstants.IORING_REGISTER_BUFFERS, iovecs, count);
    }

    /** Unregisters fixed buffers: 0 or -errno. */
    public int unregisterBuffers() {
        return register(IoUringConstants.IORING_UNREGISTER_BUFFERS, 0L, 0);
    }

    /**
     * Caps the kernel's io-wq worker threads of this ring (IORING_REGISTER_IOWQ_MAX_WORKERS, 5.15): {@code bounded}
     * serve regular-file and block I/O that cannot complete inline, {@code unbounded} everything else; 0 keeps a
     * limit as it is. Note: the kernel's default bound is min(SQ entries, 4 x CPUs).
     *
     * @return 0 or -errno
     */
    public int registerIowqMaxWorkers(int bounded, int unbounded) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment counts = a.allocate(8, 4);
            counts.set(ValueLayout.JAVA_INT, 0, bounded);
            counts.set(ValueLayout.JAVA_INT, 4, unbounded);
            return register(IoUringConstants.IORING_REGISTER_IOWQ_MAX_WORKERS, counts.address(), 2);
        }
    }

    /** Registers {@code count} descriptors (an int array at {@code fds}) as fixed files: 0 or -errno. */
    public int registerFiles(long fds, int count) {
        return register(IoUringConstants.IORING_REGISTER_FILES, fds, count);
    }

    /**
     * Registers an empty table of {@code count} fixed files (every entry -1), for direct descriptors
     * that openat fills and close empties ({@code file_index}): 0 or -errno (-EMFILE beyond RLIMIT_NOFILE).
     */
    public int registerSparseFiles(int count) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fds = a.allocate((long) count * 4, 4);
            fds.fill((byte) -1);
            return registerFiles(fds.address(), count);
        }
    }

    /** Unregisters fixed files: 0 or -errno. */
    public int unregisterFiles() {
        return register(IoUringConstants.IORING_UNREGISTER_FILES, 0L, 0);
    }

    /** Registers an eventfd the kernel signals on each completion: 0 or -errno. */
    public int registerEventfd(int eventFd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fdArg = a.allocateFrom(JAVA_INT, eventFd);
            return register(IoUringConstants.IORING_REGISTER_EVENTFD, fdArg.address(), 1);
        }
    }

    /** Unregisters the eventfd: 0 or -errno. */
    public int unregisterEventfd() {
        return register(IoUringConstants.IORING_UNREGISTER_EVENTFD, 0L, 0);
    }

    /**
     * Registers the ring descriptor with the calling thread (IORING_REGISTER_RING_FDS, kernel 5.18) so that later
     * io_uring_enter calls skip the descriptor lookup. Owner thread only: the registration belongs to the thread,
     * and {@link #close()} (on the owner thread) drops it again.
     *
     * @return 0, or -errno (the ring keeps working unregistered)
     */
    public int registerRingFd() {
        if (enterFlags != 0) {
            return 0;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment update = a.allocate(IoUringRsrcUpdate.LAYOUT);
            IoUringRsrcUpdate.set(update, -1, fd);
            int r = register(IoUringConstants.IORING_REGISTER_RING_FDS, update.address(), 1);
            if (r < 0) {
                return r;
            }
            enterFd = IoUringRsrcUpdate.offset(update);
            enterFlags = IoUringConstants.IORING_ENTER_REGISTERED_RING;
            return 0;
        }
    }

    private void unregisterRingFd() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment update = a.allocate(IoUringRsrcUpdate.LAYOUT);
            IoUringRsrcUpdate.set(update, enterFd, 0L);
            register(IoUringConstants.IORING_UNREGISTER_RING_FDS, update.address(), 1);
        }
        enterFd = fd;
        enterFlags = 0;
    }

    /** Returns true after a successful {@link #registerRingFd()}. */
    public boolean ringFdRegistered() {
        return enterFlags != 0;
    }

    /**
     * Registers a provided-buffer ring of {@code entries} (power of two, at most 32768) for buffer group
     * {@code groupId}. See {@link ProvidedBufferRing} for who owns what.
     *
     * @throws NativeIoException when mmap or registration fails (-EINVAL on kernels before 5.19, -EEXIST when the
     *     group is taken)
     */
    public ProvidedBufferRing registerBufferRing(int groupId, int entries) throws NativeIoException {
        return ProvidedBufferRing.register(this, groupId, entries, 0);
    }

    /**
     * {@link #registerBufferRing(int, int)} with registration flags, such as
     * {@link io.ferry.linux.IoUringConstants#IOU_PBUF_RING_INC} (incremental consumption, Linux 6.12).
     *
     * @throws NativeIoException when mmap or registration fails (-EINVAL for a flag this kernel does not know)
     */
    public ProvidedBufferRing registerBufferRing(int groupId, int entries, int flags) throws NativeIoException {
        return ProvidedBufferRing.register(this, groupId, entries, flags);
    }

    // ---------------------------------------------------------------- properties

    /** Returns the ring descriptor (the target for another ring's MSG_RING). */
    public int ringFd() {
        return fd;
    }

    /** Returns the IORING_SETUP_* flags the ring was created with. */
    public int setupFlags() {
        return setupFlags;
    }

    /** Returns the IORING_FEAT_* bits the kernel reported. */
    public int features() {
        return features;
    }

    /** Returns true when the kernel reported all of the IORING_FEAT_* bits in {@code feature}. */
    public boolean hasFeature(int feature) {
        return (features & feature) == feature;
    }

    /** Returns true when the ring was created with the IORING_SETUP_* bit(s) {@code flag}. */
    public boolean hasSetupFlag(int flag) {
        return (setupFlags & flag) == flag;
    }

    /** Returns the SQ size. */
    public int sqEntries() {
        return sqEntries;
    }

    /** Returns the CQ size. */
    public int cqEntries() {
        return cqEntries;
    }

    /** Returns the thread that created the ring (the submitter under SINGLE_ISSUER). */
    public Thread creator() {
        return creator;
    }

    /** Returns true when SQ and CQ share one mapping (IORING_FEAT_SINGLE_MMAP). */
    public boolean singleMmap() {
        return (features & IORING_FEAT_SINGLE_MMAP) != 0;
    }

    private void checkOwner() {
        if (closed) {
            throw new IllegalStateException("ring closed: " + this);
        }
        if (Thread.currentThread() != creator) {
            throw new IllegalStateException("ring used from " + Thread.currentThread() + " but owned by " + creator);
        }
    }

    /** Forces the pre-5.11 timeout path of {@link #submitAndWait(int, long)}; for tests. */
    void forceTimeoutFallback() {
        timeoutFallback = true;
    }

    /** Returns the raw SQE array (read-only use: tests and tools). */
    MemorySegment sqeMemory() {
        return mem.sqes();
    }

    /**
     * Unmaps the rings and closes the descriptor. Idempotent. Note: the kernel cancels requests still in flight
     * asynchronously; do not free memory they name until their CQEs arrived (close them down first).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (enterFlags != 0) {
            unregisterRingFd(); // the thread's registration holds a reference that would keep the ring alive
        }
        mem.unmap();
        LibC.close(fd);
        arena.close();
    }

    @Override
    public String toString() {
        return "IoUring[fd=" + fd + ", sq=" + sqEntries + ", cq=" + cqEntries
            + ", setup=0x" + Integer.toHexString(setupFlags) + ", features=0x" + Integer.toHexString(features) + "]";
    }
}
