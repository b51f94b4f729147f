package io.ferry.backend.uring;

import io.ferry.net.DatagramOptions;
import io.ferry.spi.DatagramEvents;
import io.ferry.spi.DatagramIo;
import io.ferry.backend.UringReceiveStrategy;
import io.ferry.diagnostics.RecvRingStarvedEvent;
import io.ferry.linux.uring.CompletionSource;
import io.ferry.linux.uring.CompletionVisitor;
import io.ferry.linux.uring.IoUring;
import io.ferry.linux.uring.SubmissionEntry;
import io.ferry.spi.FaultInjector;
import io.ferry.spi.FileIo;
import io.ferry.spi.IoDriver;
import io.ferry.spi.ListenerIo;
import io.ferry.linux.Errno;
import io.ferry.linux.EventFdWaker;
import io.ferry.linux.FileConstants;
import io.ferry.linux.IoUringConstants;
import io.ferry.linux.NativeIoException;
import io.ferry.linux.SocketCalls;
import io.ferry.linux.SocketConstants;
import io.ferry.linux.Sockets;
import io.ferry.spi.LoopContext;
import io.ferry.spi.OpTable;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import io.ferry.net.PeerCredentials;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One loop's io_uring: the ring, the table of operations in flight, what its connections receive with
 * (the provided-buffer ring, or per-connection receivers: {@link UringReceiveStrategy}), and the eventfd
 * other threads wake it with.
 *
 * <p>{@link #poll} is the loop's single syscall: it publishes returned receive buffers, submits
 * every SQE prepared since the last call and waits, in one {@code io_uring_enter}; then it
 * dispatches each CQE by its user_data through the {@link OpTable} in O(1). A CQE whose key is stale
 * is counted and dropped, never misrouted. Submission never happens between claiming an SQE and
 * filling it: callers reserve room first with {@link #prepare}.
 */
final class UringDriver implements IoDriver, CompletionVisitor {
    /** user_data of the wake-up poll on the eventfd. */
    static final long WAKE = 0;
    /** user_data of fire-and-forget requests (cancellations) whose results nobody needs. */
    static final long IGNORE = 1;
    private static final int DRAIN_BATCH = 4096;
    private static final int REARM_BATCH = 64;
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final System.Logger LOG = System.getLogger("io.ferry.linux.uring");

    final LoopContext loop;
    final SocketCalls calls = new SocketCalls();
    private final IoUring ring;
    private final CompletionSource completions;
    /** Injected faults (tests only); null in production. */
    final UringFaults faults;
    private final OpTable<UringOp> ops = new OpTable<>(1024);
    private final UringReceiveStrategy receive;
    /** The provided-buffer ring of the ring strategies; null for the others. */
    private final RecvBufferRing recv;
    /** The receiver the ring strategies' sockets share; null for the others. */
    private final RingReceiver ringReceiver;
    /** PROBE_THEN_READ's probes peek into this loop-owned byte; never read. */
    private final Arena scratch = Arena.ofConfined();
    private final MemorySegment probeByte = scratch.allocate(8);
    private final SendArena sends = new SendArena(256);
    private final UringFiles files;
    private final EventFdWaker waker;
    private final Set<UringSocket> sockets = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<UringListener> listeners = new ArrayList<>();
    /** Connects in flight: close() calls them off (a Unix connect can block in the kernel's worker for good). */
    private final Set<UringConnect> connects = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ArrayDeque<UringSocket> starved = new ArrayDeque<>();
    private final Set<UringDatagram> datagrams = Collections.newSetFromMap(new IdentityHashMap<>());
    private DatagramRing datagramRing;
    private boolean refilled;
    private boolean closing;
    private int socketOps;
    private long staleCompletions;
    private long directReads;

    UringDriver(LoopContext loop, UringConfig config, UnaryOperator<CompletionSource> completionFaults,
                FaultInjector faults) throws IOException {
        this.loop = loop;
        this.faults = faults == null ? null : new UringFaults(this, faults);
        this.files = new UringFiles(this, loop.fileSettings().uringOpsInFlight());
        this.receive = config.receive();
        this.ring = IoUring.open(config.sqEntries(), config.cqEntries());
        RecvBufferRing buffers = null;
        try {
            this.completions = completionFaults.apply(ring);
            if (receive == UringReceiveStrategy.PROVIDED_RING || receive == UringReceiveStrategy.INCREMENTAL_RING) {
                buffers = openRecvRing(config);
            }
            this.waker = EventFdWaker.open();
        } catch (IOException | RuntimeException e) {
            if (buffers != null) {
                buffers.close();
            }
            ring.close();
            scratch.close();
            throw e;
        }
        this.recv = buffers;
        this.ringReceiver = buffers == null ? null : new RingReceiver(this, buffers);
        armWake();
        capFileWorkers(loop.fileSettings().uringFileWorkers());
    }

    /** The ring strategies' buffer ring; INCREMENTAL_RING on a kernel before 6.12 fails with a message saying so. */
    private RecvBufferRing openRecvRing(UringConfig config) throws IOException {
        boolean incremental = receive == UringReceiveStrategy.INCREMENTAL_RING;
        try {
            return new RecvBufferRing(ring, loop.pool(), 0, config.recvBuffers(), incremental, () -> refilled = true);
        } catch (NativeIoException e) {
            if (incremental && e.errno() == Errno.EINVAL) {
                throw new IOException("io_uring receive strategy INCREMENTAL_RING needs Linux "
                    + receive.minimumKernel() + " or newer (IOU_PBUF_RING_INC): this kernel refused the buffer ring"
                    + " with EINVAL; use PROVIDED_RING", e);
            }
            throw e;
        }
    }

    /**
     * Sets the ring's bound on io-wq workers for file operations, when asked to (0 keeps the kernel's).
     * A kernel without IORING_REGISTER_IOWQ_MAX_WORKERS (before 5.15) keeps its default; that changes
     * speed, not correctness, so it is logged and named in the files' {@code ioPath}, not thrown.
     */
    private void capFileWorkers(int workers) {
        if (workers == 0) {
            return;
        }
        int res = ring.registerIowqMaxWorkers(workers, 0);
        if (res < 0) {
            String why = "kernel-default io-wq workers (IORING_REGISTER_IOWQ_MAX_WORKERS: " + Errno.name(-res) + ")";
            LOG.log(System.Logger.Level.INFO, "io_uring: " + why);
            files.kernelWorkers(why);
        } else {
            files.kernelWorkers("up to " + workers + " io-wq workers");
        }
    }

    // ---- submission -------------------------------------------------------------------------

    /**
     * Makes room for {@code sqes} SQEs (and a send slot if asked) by submitting what is prepared, so
     * that the following {@link #sqe()} calls cannot fail and nothing half-filled is ever submitted.
     */
    void prepare(int sqes, boolean sendSlot) {
        if (ring.sqEntries() - ring.sqPending() < sqes || sendSlot && sends.isFull()) {
            submitNow();
        }
    }

    /** The next SQE, after {@link #prepare}. */
    SubmissionEntry sqe() {
        int i = ring.nextSqe();
        if (i < 0) {
            throw new IllegalStateException("submission queue full: prepare() was not called");
        }
        return ring.sqe(i);
    }

    SendArena sends() {
        return sends;
    }

    /** The ring strategies' buffer ring, or null. */
    RecvBufferRing recvRing() {
        return recv;
    }

    /** A receiver for a new connection: the shared ring receiver, or one of its own. */
    UringReceiver newReceiver() {
        return switch (receive) {
            case PROVIDED_RING, INCREMENTAL_RING -> ringReceiver;
            case PER_CONNECTION -> new PerConnectionReceiver(this);
            case PROBE_THEN_READ -> new ProbeThenReadReceiver(this);
        };
    }

    /** The address PROBE_THEN_READ's probes peek into. */
    long probeByte() {
        return probeByte.address();
    }

    /** A non-blocking recv(2) now, counted as a kernel entry: bytes, 0 at end of stream, or -errno. */
    long recvNow(int fd, long address, int length) {
        directReads++;
        return Sockets.recv(fd, address, length, SocketConstants.MSG_DONTWAIT);
    }

    private void publishRecv() {
        if (recv != null) {
            recv.publish();
        }
    }

    private void submitNow() {
        publishRecv();
        int r = ring.submit();
        if (r == -Errno.EBUSY || r == -Errno.EAGAIN) {
            drain(); // the completion backlog is full: make room, then submit again
            r = ring.submit();
        }
        if (r < 0) {
            throw new IllegalStateException("io_uring_enter(submit) failed: " + Errno.name(-r));
        }
        afterSubmit();
    }

    private void afterSubmit() {
        if (ring.sqPending() == 0) {
            sends.reset();
        }
    }

    /** Registers an operation of a connection; {@link #inFlight()} counts these. */
    long registerSocketOp(UringOp op) {
        socketOps++;
        return ops.register(op);
    }

    void releaseSocketOp(long key) {
        if (ops.remove(key) != null) {
            socketOps--;
        }
    }

    long registerOp(UringOp op) {
        return ops.register(op);
    }

    void releaseOp(long key) {
        ops.remove(key);
    }

    /** Registers the ring's table of {@code count} direct descriptors, empty: 0 or -errno. */
    int registerDirectFiles(int count) {
        return ring.registerSparseFiles(count);
    }

    /** Cancels the request submitted with {@code key}; its final CQE still arrives. */
    void cancel(long key) {
        prepare(1, false);
        sqe().prepCancel(key, 0).userData(IGNORE);
    }

    // ---- the loop's one syscall -------------------------------------------------------------

    @Override
    public int poll(long timeoutNanos) throws IOException {
        if (refilled) {
            rearmStarved();
            if (refilled) {
                timeoutNanos = 0; // more starved receives wait for the next turn: do not sleep
            }
        }
        publishRecv();
        if (timeoutNanos != 0 && datagramRing != null) {
            datagramRing.idle(); // about to sleep: hold no half-filled pool buffer
        }
        int r;
        if (faults != null && faults.pending()) {
            timeoutNanos = 0; // failed submissions' completions wait in faults: do not sleep
        }
        if (faults != null && faults.failSubmit()) {
            r = -Errno.EAGAIN;
        } else if (timeoutNanos == 0) {
            r = ring.submitAndWait(0);
        } else if (timeoutNanos < 0) {
            r = ring.submitAndWait(1);
        } else {
            r = ring.submitAndWait(1, timeoutNanos);
        }
        loop.awoke();
        if (r < 0 && r != -Errno.ETIME && r != -Errno.EBUSY && r != -Errno.EAGAIN && r != -Errno.EINTR) {
            throw new NativeIoException("io_uring_enter", -r);
        }
        afterSubmit();
        return drain();
    }

    private int drain() {
        int total = faults == null ? 0 : faults.deliver(this);
        int n;
        while ((n = completions.forEachCompletion(this, DRAIN_BATCH)) > 0) {
            total += n;
        }
        if (ring.cqOverflowPending()) {
            ring.submitAndWait(0); // flushes the kernel's overflow list into the CQ
            while ((n = completions.forEachCompletion(this, DRAIN_BATCH)) > 0) {
                total += n;
            }
        }
        return total;
    }

    @Override
    public void onCompletion(long userData, int res, int flags) {
        if (userData == WAKE) {
            onWake(flags);
            return;
        }
        if (userData == IGNORE) {
            return;
        }
        UringOp op = ops.get(userData);
        if (op == null) {
            staleCompletions++;
            return;
        }
        try {
            op.complete(userData, res, flags);
        } catch (Throwable t) {
            loop.reportError(t);
        }
    }

    /** CQEs that named a released slot (dropped): a test reads this to prove none was misrouted. */
    long staleCompletions() {
        return staleCompletions;
    }

    // ---- wake-ups ---------------------------------------------------------------------------

    private void armWake() {
        prepare(1, false);
        sqe().prepPollMultishot(waker.fd(), FileConstants.POLLIN).userData(WAKE);
    }

    private void onWake(int flags) {
        waker.reset();
        if ((flags & IoUringConstants.IORING_CQE_F_MORE) == 0 && !closing) {
            armWake();
        }
    }

    @Override
    public void wakeup() {
        waker.wake(); // safe after close(): a closed waker writes nothing
    }

    // ---- receive-buffer starvation ----------------------------------------------------------

    /** A receive ended with -ENOBUFS: re-arm it once buffers come back. */
    void starved(UringSocket socket) {
        starved.add(socket);
        RecvRingStarvedEvent.emit(recv.size(), starved.size());
        refilled = recv.available() > 0;
    }

    /** Connections waiting for a receive buffer. Loop thread. */
    int starvedCount() {
        return starved.size();
    }

    /**
     * Re-arms starved receives in arrival order while buffers are free, at most {@link #REARM_BATCH} per
     * loop turn: re-arming every starved socket for each returned buffer cost one SQE and one -ENOBUFS per
     * socket per buffer, quadratic in a long queue (ten thousand sockets starved by a one-buffer ring took
     * minutes to drain). What a turn leaves is armed on the next, which then does not sleep.
     */
    private void rearmStarved() {
        for (int n = Math.min(starved.size(), REARM_BATCH); n > 0 && recv.available() > 0; n--) {
            starved.poll().armRecv();
        }
        refilled = !starved.isEmpty() && recv.available() > 0;
    }

    // ---- sockets ----------------------------------------------------------------------------

    void adopt(UringSocket s) {
        sockets.add(s);
    }

    void forget(UringSocket s) {
        sockets.remove(s);
        starved.remove(s);
    }

    void forget(UringListener l) {
        listeners.remove(l);
    }

    void connecting(UringConnect c) {
        connects.add(c);
    }

    void connected(UringConnect c) {
        connects.remove(c);
    }

    /** {@return SO_PEERCRED of the Unix socket {@code fd}, or null when the kernel does not tell} */
    PeerCredentials peerCredentials(int fd) {
        return calls.readPeerCredentials(fd) < 0 ? null
            : PeerCredentials.ofIds(calls.peerPid(), calls.peerUid(), calls.peerGid());
    }

    boolean isClosing() {
        return closing;
    }

    @Override
    public ListenerIo listen(SocketAddress address, SocketOptions options, HandlerFactory factory)
        throws IOException {
        UringListener l = UringListener.open(this, address, options, factory);
        listeners.add(l);
        return l;
    }

    @Override
    public void connect(SocketAddress remote, SocketOptions options, Handler handler,
                        CompletableFuture<Connection> result) {
        UringConnect.start(this, remote, options, handler, result);
    }

    @Override
    public DatagramIo openDatagram(InetSocketAddress local, DatagramOptions options, DatagramEvents events)
        throws IOException {
        return UringDatagram.open(this, local, options, events);
    }

    /** The provided-buffer ring of datagram receives, made for the loop's first UDP socket. */
    DatagramRing datagramRing() {
        if (datagramRing == null) {
            try {
                datagramRing = new DatagramRing(ring, loop.pool());
            } catch (NativeIoException e) {
                throw new IllegalStateException("io_uring datagram buffer ring: " + e.getMessage(), e);
            }
        }
        return datagramRing;
    }

    void adopt(UringDatagram d) {
        datagrams.add(d);
    }

    void forget(UringDatagram d) {
        datagrams.remove(d);
    }

    @Override
    public FileIo files() {
        return files;
    }

    @Override
    public int inFlight() {
        return socketOps + files.inFlight();
    }

    /** {@code io_uring_enter} calls, plus PROBE_THEN_READ's non-blocking reads. */
    @Override
    public long kernelEntries() {
        return ring.enterCount() + directReads;
    }

    @Override
    public long submittedEntries() {
        return ring.submittedCount();
    }

    @Override
    public long submitCalls() {
        return ring.submitCallCount();
    }

    /**
     * Aborts every socket and listener, then keeps reaping completions until every operation has
     * ended (bounded), because the kernel may write into receive buffers until then. Only then are
     * the buffer ring, the ring and the eventfd released.
     */
    @Override
    public void close() {
        closing = true;
        new ArrayList<>(listeners).forEach(UringListener::close);
        new ArrayList<>(sockets).forEach(UringSocket::abort);
        new ArrayList<>(connects).forEach(UringConnect::callOff);
        new ArrayList<>(datagrams).forEach(UringDatagram::close);
        files.cancelWaiting();
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        while (ops.inFlight() > 0 && System.nanoTime() - deadline < 0) {
            publishRecv();
            ring.submitAndWait(1, TimeUnit.MILLISECONDS.toNanos(50));
            afterSubmit();
            drain();
        }
        if (ops.inFlight() > 0) {
            LOG.log(System.Logger.Level.WARNING, ops.inFlight() + " io_uring operations did not end within 5 s;"
                + " closing the ring anyway");
        }
        if (recv != null) {
            recv.close();
        }
        if (datagramRing != null) {
            datagramRing.close();
        }
        ring.close();
        scratch.close();
        waker.close();
        sends.close();
        calls.close();
    }
}
