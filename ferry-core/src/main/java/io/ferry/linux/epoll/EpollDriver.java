package io.ferry.linux.epoll;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ferry.backend.BlockingFileIo;
import io.ferry.backend.FileIo;
import io.ferry.backend.IoDriver;
import io.ferry.backend.ListenerIo;
import io.ferry.buffer.SharedRecvBuffer;
import io.ferry.linux.Epoll;
import io.ferry.linux.EpollEvent;
import io.ferry.linux.Errno;
import io.ferry.linux.FileConstants;
import io.ferry.linux.IoVec;
import io.ferry.linux.LibC;
import io.ferry.linux.MsgHdr;
import io.ferry.linux.SocketConstants;
import io.ferry.linux.SocketCalls;
import io.ferry.linux.Sockets;
import io.ferry.loop.EventLoop;
import io.ferry.loop.OpTable;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loop's epoll instance, its wake-up eventfd, the sockets registered with it and the native
 * scratch memory they share (event array, iovec array, msghdr, sockaddr), all allocated once.
 *
 * <p>Dispatch: each event's {@code epoll_data} is an {@link OpTable} key; {@link OpTable#get} finds the
 * channel in O(1) or reports the key stale, and a stale event is counted and dropped. Key 0 is the
 * eventfd.
 *
 * <p>Threads: loop thread only, except {@link #wakeup()}. Note: the wake-up path guards the eventfd
 * with a counter so that a late {@code wakeup()} from another thread never writes to a descriptor
 * number that {@link #close()} already gave back to the kernel.
 */
final class EpollDriver implements IoDriver {
    /** Events one epoll_wait returns at most. */
    static final int MAX_EVENTS = 256;
    /** Buffers one gathered write takes at most (well under IOV_MAX). */
    static final int MAX_IOV = 64;
    /** Interest of every connection, registered once. */
    static final int SOCKET_EVENTS = Epoll.EPOLLIN | Epoll.EPOLLOUT | Epoll.EPOLLRDHUP | Epoll.EPOLLET;
    private static final long WAKE_KEY = 0;
    private static final MemorySegment ONE = Arena.global().allocateFrom(JAVA_LONG, 1L);

    private final EventLoop loop;
    private final Arena arena = Arena.ofConfined();
    /** Socket set-up calls and their scratch memory. */
    final SocketCalls calls = new SocketCalls();
    private final MemorySegment events;
    private final MemorySegment iovecs;
    private final MemorySegment msg;
    private final MemorySegment ctlEvent;
    private final MemorySegment drain;
    private final OpTable<EpollChannel> ops = new OpTable<>(256);
    private final Set<EpollChannel> channels = Collections.newSetFromMap(new IdentityHashMap<>());
    private final SharedRecvBuffer recv;
    private final BlockingFileIo files;
    private final int epfd;
    private final int eventFd;
    /** Threads inside {@link #wakeup()}; negative once the eventfd is closed. */
    private final AtomicInteger wakers = new AtomicInteger();
    private boolean closed;
    private int sockets;
    private int pendingOps;
    private long eventCount;
    private long staleKeys;
    private long wakeups;
    private long coalesced;

    EpollDriver(EventLoop loop) throws IOException {
        this.loop = loop;
        this.files = new BlockingFileIo(loop);
        this.events = arena.allocate((long) EpollEvent.SIZE * MAX_EVENTS, 8);
        this.iovecs = arena.allocate((long) IoVec.SIZE * MAX_IOV, 8);
        this.msg = arena.allocate(MsgHdr.SIZE, 8);
        this.ctlEvent = arena.allocate(16, 8);
        this.drain = arena.allocate(8, 8);
        MsgHdr.setIov(msg, iovecs.address(), 0);
        int ep = Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC);
        if (ep < 0) {
            arena.close();
            calls.close();
            throw Errno.exception("epoll_create1", ep);
        }
        int efd = LibC.eventfd(0, FileConstants.EFD_NONBLOCK | FileConstants.EFD_CLOEXEC);
        int r = efd < 0 ? efd : ctl(ep, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN | Epoll.EPOLLET, WAKE_KEY);
        if (r < 0) {
            if (efd >= 0) {
                LibC.close(efd);
            }
            LibC.close(ep);
            arena.close();
            calls.close();
            throw Errno.exception(efd < 0 ? "eventfd" : "epoll_ctl(ADD eventfd)", r);
        }
        this.epfd = ep;
        this.eventFd = efd;
        this.recv = new SharedRecvBuffer(loop.pool());
    }

    // ---- the loop's side ----------------------------------------------------------------------

    @Override
    public int poll(long timeoutNanos) throws IOException {
        if (timeoutNanos != 0) {
            recv.close(); // about to sleep: an idle loop holds no receive buffer
        }
        int n = Epoll.epollWait(epfd, events.address(), MAX_EVENTS, timeoutMillis(timeoutNanos));
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
            LibC.read(eventFd, drain.address(), 8); // resets the counter; EAGAIN if already read
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
        if (wakers.incrementAndGet() > 0) {
            LibC.write(eventFd, ONE.address(), 8); // EAGAIN means a wake-up is pending anyway
        }
        wakers.decrementAndGet();
    }

    @Override
    public ListenerIo listen(InetSocketAddress address, SocketOptions options, HandlerFactory factory)
        throws IOException {
        return EpollListener.open(this, address, options, factory);
    }

    @Override
    public void connect(InetSocketAddress remote, SocketOptions options, Handler handler,
                        CompletableFuture<Connection> result) {
        EpollSocket.connect(this, remote, options, handler, result);
    }

    /** Pending connects plus sockets waiting for EPOLLOUT with unsent bytes. */
    @Override
    public int inFlight() {
        return pendingOps + files.inFlight();
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
        files.close();
        closed = true;
        for (EpollChannel ch : channels.toArray(new EpollChannel[0])) {
            try {
                ch.abort();
            } catch (Throwable t) {
                loop.reportError(t);
            }
        }
        recv.close();
        LibC.close(epfd);
        wakers.addAndGet(Integer.MIN_VALUE);
        while (wakers.get() != Integer.MIN_VALUE) {
            Thread.onSpinWait(); // a wakeup() is writing the eventfd right now: let it finish
        }
        LibC.close(eventFd);
        arena.close();
        calls.close();
    }

    // ---- for sockets and listeners ------------------------------------------------------------

    EventLoop loop() {
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
}
