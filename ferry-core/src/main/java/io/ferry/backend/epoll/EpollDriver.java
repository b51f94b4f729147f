package io.ferry.backend.epoll;

import io.ferry.net.DatagramOptions;
import io.ferry.spi.DatagramEvents;
import io.ferry.spi.DatagramIo;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ferry.file.internal.BlockingFileIo;
import io.ferry.spi.FaultInjector;
import io.ferry.spi.FileIo;
import io.ferry.spi.IoDriver;
import io.ferry.spi.ListenerIo;
import io.ferry.spi.SharedRecvBuffer;
import io.ferry.linux.Epoll;
import io.ferry.linux.EpollEvent;
import io.ferry.linux.Errno;
import io.ferry.linux.EventFdWaker;
import io.ferry.linux.IoVec;
import io.ferry.linux.LibC;
import io.ferry.linux.MsgHdr;
import io.ferry.linux.SocketConstants;
import io.ferry.linux.SocketCalls;
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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One loop's epoll instance, its wake-up eventfd, the sockets registered with it and the native
 * scratch memory they share (event array, iovec array, msghdr, sockaddr), all allocated once.
 *
 * <p>Dispatch: each event's {@code epoll_data} is an {@link OpTable} key; {@link OpTable#get} finds the
 * channel in O(1) or reports the key stale, and a stale event is counted and dropped. Key 0 is the
 * eventfd.
 *
 * <p>Threads: loop thread only, except {@link #wakeup()}, which {@link EventFdWaker} makes safe even
 * after {@link #close()}.
 */
final class EpollDriver implements IoDriver {
    /** Events one epoll_wait returns at most. */
    static final int MAX_EVENTS = 256;
    /** Buffers one gathered write takes at most (well under IOV_MAX). */
    static final int MAX_IOV = 64;
    /** Interest of every connection, registered once. */
    static final int SOCKET_EVENTS = Epoll.EPOLLIN | Epoll.EPOLLOUT | Epoll.EPOLLRDHUP | Epoll.EPOLLET;
    private static final long WAKE_KEY = 0;

    private final LoopContext loop;
    /** Injected faults (tests only); null in production. */
    final EpollFaults faults;
    private final Arena arena = Arena.ofConfined();
    /** Socket set-up calls and their scratch memory. */
    final SocketCalls calls = new SocketCalls();
    private final MemorySegment events;
    private final MemorySegment iovecs;
    private final MemorySegment msg;
    private final MemorySegment ctlEvent;
    private final OpTable<EpollChannel> ops = new OpTable<>(256);
    private final Set<EpollChannel> channels = Collections.newSetFromMap(new IdentityHashMap<>());
    private final SharedRecvBuffer recv;
    private final BlockingFileIo files;
    private final int epfd;
    private final EventFdWaker waker;
    private boolean closed;
    private DatagramBatch datagramBatch;
    private int sockets;
    private int pendingOps;
    /** epoll_wait calls, for the loop's stats. */
    private long waits;
    private long eventCount;
    private long staleKeys;
    private long wakeups;
    private long coalesced;

    EpollDriver(LoopContext loop, FaultInjector faults) throws IOException {
        this.loop = loop;
        this.faults = faults == null ? null : new EpollFaults(this, faults);
        this.files = new BlockingFileIo(loop);
        this.events = arena.allocate((long) EpollEvent.SIZE * MAX_EVENTS, 8);
        this.iovecs = arena.allocate((long) IoVec.SIZE * MAX_IOV, 8);
        this.msg = arena.allocate(MsgHdr.SIZE, 8);
        this.ctlEvent = arena.allocate(16, 8);
        MsgHdr.setIov(msg, iovecs.address(), 0);
        int ep = Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC);
        if (ep < 0) {
            abandon(-1);
            throw Errno.exception("epoll_create1", ep);
        }
        EventFdWaker w;
        try {
            w = EventFdWaker.open();
        } catch (IOException e) {
            abandon(ep);
            throw e;
        }
        int r = ctl(ep, Epoll.EPOLL_CTL_ADD, w.fd(), Epoll.EPOLLIN | Epoll.EPOLLET, WAKE_KEY);
        if (r < 0) {
            w.close();
            abandon(ep);
            throw Errno.exception("epoll_ctl(ADD eventfd)", r);
        }
        this.epfd = ep;
        this.waker = w;
        this.recv = new SharedRecvBuffer(loop.pool());
    }

    /** Frees what a failed constructor had set up: the epoll descriptor (when {@code ep >= 0}) and the scratch. */
    private void abandon(int ep) {
        if (ep >= 0) {
            LibC.close(ep);
        }
        arena.close();
        calls.close();
    }

    // ---- the loop's side ----------------------------------------------------------------------

    @Override
    public int poll(long timeoutNanos) throws IOException {
        if (timeoutNanos != 0) {
            recv.close(); // about to sleep: an idle loop holds no receive buffer
        }
        int n = Epoll.epollWait(epfd, events.address(), MAX_EVENTS, timeoutMillis(timeoutNanos));
        waits++;
        loop.awoke();
        if (n < 0) {
            if (n == -Errno.EINTR) {
                return 0;
            }
            throw Errno.exception("epoll_wait", n);
        }
        for (int i = 0; i < n; i++) {
            dispatch(EpollEvent.data(events, i), EpollEvent.events(events, i));
        }
        return n;
    }

    /** epoll_wait's timeout: milliseconds rounded up, -1 to wait without limit. */
    static int timeoutMillis(long nanos) {
        if (nanos < 0) {
            return -1;
        }
        if (nanos >= Integer.MAX_VALUE * 1_000_000L) {
            return Integer.MAX_VALUE;
        }
        return (int) ((nanos + 999_999) / 1_000_000);
    }

    /** Routes one event by its key; a stale key (released slot) is counted and ignored. */
    void dispatch(long key, int mask) {
        if (key == WAKE_KEY) {
            wakeups++;
            waker.reset();
            return;
        }
        EpollChannel ch = ops.get(key);
        if (ch == null) {
            staleKeys++;
            return;
        }
        eventCount++;
        try {
            ch.ready(mask);
        } catch (Throwable t) {
            loop.reportError(t);
        }
    }

    @Override
    public void wakeup() {
        waker.wake();
    }

    @Override
    public ListenerIo listen(SocketAddress address, SocketOptions options, HandlerFactory factory)
        throws IOException {
        return EpollListener.open(this, address, options, factory);
    }

    @Override
    public void connect(SocketAddress remote, SocketOptions options, Handler handler,
                        CompletableFuture<Connection> result) {
        EpollSocket.connect(this, remote, options, handler, result);
    }

    /** {@return SO_PEERCRED of the Unix socket {@code fd}, or null when the kernel does not tell} */
    PeerCredentials peerCredentials(int fd) {
        return calls.readPeerCredentials(fd) < 0 ? null
            : PeerCredentials.ofIds(calls.peerPid(), calls.peerUid(), calls.peerGid());
    }

    /** Pending connects plus sockets waiting for EPOLLOUT with unsent bytes. */
    @Override
    public int inFlight() {
        return pendingOps + files.inFlight();
    }

    @Override
    public long kernelEntries() {
        return waits;
    }

    @Override
    public DatagramIo openDatagram(InetSocketAddress local, DatagramOptions options, DatagramEvents events)
        throws IOException {
        return EpollDatagram.open(this, local, options, events);
    }

    /** The native memory of batched datagram calls, made for the loop's first UDP socket. */
    DatagramBatch datagramBatch() {
        if (datagramBatch == null) {
            datagramBatch = new DatagramBatch();
        }
        return datagramBatch;
    }

    @Override
    public FileIo files() {
        return files;
    }

    /** A snapshot of this driver's counters. Loop thread. */
    EpollStats stats() {
        return new EpollStats(eventCount, staleKeys, wakeups, coalesced, sockets);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        files.shutdown();
        closed = true;
        for (EpollChannel ch : channels.toArray(new EpollChannel[0])) {
            try {
                ch.abort();
            } catch (Throwable t) {
                loop.reportError(t);
            }
        }
        recv.close();
        if (datagramBatch != null) {
            datagramBatch.close();
        }
        LibC.close(epfd);
        waker.close();
        arena.close();
        calls.close();
    }

    // ---- for sockets and listeners ------------------------------------------------------------

    LoopContext loop() {
        return loop;
    }

    SharedRecvBuffer recv() {
        return recv;
    }

    /** Takes a slot for {@code ch}; its key goes into epoll_data. */
    long register(EpollChannel ch) {
        channels.add(ch);
        return ops.register(ch);
    }

    /** Adds {@code fd} to the epoll set under {@code key}: 0 or -errno. */
    int add(int fd, int interest, long key) {
        return ctl(epfd, Epoll.EPOLL_CTL_ADD, fd, interest, key);
    }

    private int ctl(int ep, int op, int fd, int interest, long key) {
        EpollEvent.set(ctlEvent, 0, interest, key);
        return Epoll.epollCtl(ep, op, fd, ctlEvent.address());
    }

    /** Removes {@code fd} from the epoll set (if {@code added}) and frees the slot of {@code key}. */
    void unregister(int fd, long key, EpollChannel ch, boolean added) {
        if (added && !closed) {
            Epoll.epollCtl(epfd, Epoll.EPOLL_CTL_DEL, fd, 0L);
        }
        ops.remove(key);
        channels.remove(ch);
    }

    void socketsDelta(int delta) {
        sockets += delta;
    }

    void pendingDelta(int delta) {
        pendingOps += delta;
    }

    void coalesced(int count) {
        coalesced += count;
    }

    /** Points iovec {@code index} at {@code len} bytes at {@code address}. */
    void iov(int index, long address, long len) {
        IoVec.set(iovecs, index, address, len);
    }

    /** sendmsg of the first {@code count} iovecs, without SIGPIPE: bytes sent or -errno. */
    long sendGathered(int fd, int count) {
        msg.set(JAVA_LONG, MsgHdr.MSG_IOVLEN, count);
        return Sockets.sendmsg(fd, msg.address(), SocketConstants.MSG_NOSIGNAL);
    }

    /** Cuts the iovecs to their first {@code length} bytes (a short send): how many iovecs are left. */
    int cutIovecs(long length) {
        int n = 0;
        for (long left = length; left > 0; n++) {
            long len = IoVec.iovLen(iovecs, n);
            if (len > left) {
                IoVec.set(iovecs, n, IoVec.iovBase(iovecs, n), left);
            }
            left -= len;
        }
        return n;
    }

    /** Re-registers {@code fd} unchanged: epoll re-checks its readiness and reports it again if ready. */
    void rearm(int fd, long key) {
        ctl(epfd, Epoll.EPOLL_CTL_MOD, fd, SOCKET_EVENTS, key);
    }
}
