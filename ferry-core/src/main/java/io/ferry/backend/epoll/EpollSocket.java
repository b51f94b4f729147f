package io.ferry.backend.epoll;

import io.ferry.spi.OutboundQueue;
import io.ferry.connection.SocketConnection;
import io.ferry.spi.SocketEvents;
import io.ferry.spi.SocketIo;
import io.ferry.buffer.Buf;
import io.ferry.buffer.RecvSizer;
import io.ferry.spi.SharedRecvBuffer;
import io.ferry.linux.Epoll;
import io.ferry.linux.Errno;
import io.ferry.linux.LibC;
import io.ferry.linux.NativeIoException;
import io.ferry.linux.SocketCalls;
import io.ferry.linux.SocketConstants;
import io.ferry.linux.Sockets;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.PeerCredentials;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A connection on edge-triggered epoll, registered once for in, out and peer shutdown.
 *
 * <p>Reading: an event marks the socket read-ready; it is then read into the loop's shared receive
 * buffer until a short read, EAGAIN, end of input, or the read budget is spent. Then, because no new
 * edge comes for bytes the kernel already holds, a continuation is queued on the loop. While reading
 * is paused the bytes stay in the kernel and the ready mark stays set, so resuming reads at once.
 *
 * <p>Writing: the outbound queue's head goes out as one {@code sendmsg} over the driver's iovec
 * array. When the kernel takes less than offered, the socket waits for the next EPOLLOUT edge
 * ({@code writePending}); only that edge resumes the write.
 *
 * <p>Loop thread only.
 */
final class EpollSocket implements SocketIo, EpollChannel, Runnable {
    private static final int READ_EVENTS = Epoll.EPOLLIN | Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR;
    private static final int WRITE_EVENTS = Epoll.EPOLLOUT | Epoll.EPOLLHUP | Epoll.EPOLLERR;
    private final EpollDriver driver;
    private final int fd;
    private final SocketOptions options;
    private final RecvSizer sizer;
    private final SocketAddress remote;
    private final PeerCredentials credentials;
    private SocketAddress local;
    private long key;
    private SocketEvents conn;
    private Handler pendingHandler;
    private CompletableFuture<Connection> pendingConnect;
    private boolean reading;
    /** The kernel may hold unread bytes (or an EOF or error): set by events, cleared on EAGAIN. */
    private boolean readReady = true;
    private boolean readQueued;
    /** The peer shut down (RDHUP/HUP): read on until EOF even after a short read. */
    private boolean peerShutdown;
    private boolean inputClosed;
    private boolean writePending;
    private boolean closed;
    /** Read events since the last read pass. */
    private int readEvents;
    /** Bytes offered by the last gathered write. */
    private long gathered;

    private EpollSocket(EpollDriver driver, int fd, SocketOptions options, SocketAddress remote,
                        SocketAddress local) {
        this.driver = driver;
        this.fd = fd;
        this.options = options;
        this.sizer = options.recvSizer().get();
        this.remote = remote;
        this.local = local;
        // A Unix connect completes at once (or fails), so both sides can read who is at the other end now.
        this.credentials = remote instanceof UnixDomainSocketAddress ? driver.peerCredentials(fd) : null;
    }

    /**
     * Registers a connected (accepted) descriptor with epoll. On failure the descriptor is left open
     * for the caller to close.
     */
    static EpollSocket adopt(EpollDriver driver, int fd, SocketOptions options, SocketAddress remote,
                             SocketAddress local) throws NativeIoException {
        EpollSocket s = new EpollSocket(driver, fd, options, remote, local);
        s.key = driver.register(s);
        int r = driver.add(fd, EpollDriver.SOCKET_EVENTS, s.key);
        if (r < 0) {
            driver.unregister(fd, s.key, s, false);
            throw Errno.exception("epoll_ctl(ADD socket)", r);
        }
        driver.socketsDelta(1);
        return s;
    }

    /** Starts a non-blocking connect; {@code result} completes once SO_ERROR says how it went. */
    static void connect(EpollDriver driver, SocketAddress remote, SocketOptions options, Handler handler,
                        CompletableFuture<Connection> result) {
        boolean tcp = remote instanceof InetSocketAddress;
        if (tcp && ((InetSocketAddress) remote).isUnresolved()) {
            result.completeExceptionally(new IOException("unresolved address: " + remote));
            return;
        }
        int fd = SocketCalls.openStream(remote, true);
        if (fd < 0) {
            result.completeExceptionally(Errno.exception("socket", fd));
            return;
        }
        if (tcp) { // a TCP option: Unix sockets refuse it
            driver.calls.setIntOption(fd, SocketConstants.IPPROTO_TCP, SocketConstants.TCP_NODELAY,
                options.tcpNoDelay() ? 1 : 0);
        }
        int r;
        try {
            r = driver.calls.connect(fd, remote);
        } catch (IllegalArgumentException e) { // an address sockaddr cannot hold (a path too long)
            LibC.close(fd);
            result.completeExceptionally(e);
            return;
        }
        if (r == -Errno.EAGAIN && !tcp) { // a Unix listener's backlog is full: wait for room
            UnixConnectWait.start(driver, fd, remote, options, handler, result);
            return;
        }
        connected(driver, fd, remote, options, handler, result, r);
    }

    /** The connect(2) of {@code fd} answered {@code r}: fail, or adopt the socket and finish once it is connected. */
    static void connected(EpollDriver driver, int fd, SocketAddress remote, SocketOptions options, Handler handler,
                          CompletableFuture<Connection> result, int r) {
        if (r < 0 && r != -Errno.EINPROGRESS) {
            LibC.close(fd);
            result.completeExceptionally(Errno.exception("connect to " + remote, r));
            return;
        }
        EpollSocket s;
        try {
            s = adopt(driver, fd, options, remote, null);
        } catch (NativeIoException e) {
            LibC.close(fd);
            result.completeExceptionally(e);
            return;
        }
        s.pendingHandler = handler;
        s.pendingConnect = result;
        driver.pendingDelta(1);
        result.whenComplete((c, e) -> {
            if (result.isCancelled()) {
                s.abort(); // the caller gave up (a timeout): close the socket still connecting
            }
        });
        if (r == 0) {
            s.finishConnect(Epoll.EPOLLOUT);
        }
    }

    private void finishConnect(int events) {
        if ((events & WRITE_EVENTS) == 0) {
            return;
        }
        CompletableFuture<Connection> result = pendingConnect;
        Handler handler = pendingHandler;
        pendingConnect = null;
        pendingHandler = null;
        driver.pendingDelta(-1);
        int error = driver.calls.intOption(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_ERROR);
        if (error != 0) {
            closeDescriptor(false);
            result.completeExceptionally(Errno.exception("connect to " + remote, error));
            return;
        }
        local = driver.calls.name(fd, false);
        SocketConnection c = SocketConnection.open(driver.loop(), this, options, ignored -> handler);
        result.complete(c);
    }

    @Override
    public void bind(SocketEvents connection) {
        this.conn = connection;
    }

    @Override
    public void ready(int events) {
        if (pendingConnect != null) {
            finishConnect(events);
            return;
        }
        if (closed) {
            return;
        }
        if ((events & (Epoll.EPOLLRDHUP | Epoll.EPOLLHUP)) != 0) {
            peerShutdown = true;
        }
        if ((events & READ_EVENTS) != 0) {
            readReady = true;
            readEvents++;
        }
        if (writePending && (events & WRITE_EVENTS) != 0) {
            writeNow();
        }
        if (!closed && reading && readReady && !readQueued) {
            readNow();
        }
        if (!closed && (events & Epoll.EPOLLERR) != 0) {
            checkError(); // e.g. a reset while neither reading nor writing
        }
    }

    private void readNow() {
        if (readEvents > 1) {
            driver.coalesced(readEvents - 1);
        }
        readEvents = 0;
        SharedRecvBuffer recv = driver.recv();
        long budget = options.readBudget();
        while (reading && !closed) {
            if (budget <= 0) {
                queueRead(); // budget spent: let other connections have a turn, then go on
                return;
            }
            int want = sizer.nextReadSize();
            Buf into = recv.reserve(want);
            int size = recv.readSize(want);
            long at = into.address() + into.writeIndex();
            long n = driver.faults == null ? LibC.read(fd, at, size) : driver.faults.read(fd, key, at, size);
            if (n > 0) {
                sizer.record((int) n);
                budget -= n;
                conn.onRead(recv.commit((int) n));
                if (n < size && !peerShutdown) {
                    readReady = false; // a short read drained the socket; the next bytes bring a new edge
                    return;
                }
            } else if (n == 0) {
                readReady = false;
                inputClosed = true;
                reading = false;
                conn.onInputClosed();
                return;
            } else if (n == -Errno.EAGAIN) {
                readReady = false;
                return;
            } else if (n != -Errno.EINTR) {
                readReady = false;
                conn.onFailure(Errno.exception("read", (int) n));
                return;
            }
        }
    }

    private void queueRead() {
        if (!readQueued) {
            readQueued = true;
            driver.loop().execute(this); // the socket is its own read task: no task object per connection
        }
    }

    /** The queued read: reads on if the socket still wants to and may have bytes. Loop thread. */
    @Override
    public void run() {
        readQueued = false;
        if (!closed && reading && readReady) {
            readNow();
        }
    }

    private void checkError() {
        int error = driver.calls.intOption(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_ERROR);
        if (error != 0) {
            conn.onFailure(Errno.exception("socket", error));
        }
    }

    @Override
    public void resumeReading() {
        if (closed || inputClosed) {
            return;
        }
        reading = true;
        if (readReady) {
            queueRead(); // edge-triggered: bytes held while paused bring no new event
        }
    }

    @Override
    public void pauseReading() {
        reading = false;
    }

    @Override
    public void flush() {
        if (!closed && !writePending) {
            writeNow();
        }
    }

    /** Sends as much of the queue as the kernel takes; on a short write waits for EPOLLOUT. */
    private void writeNow() {
        OutboundQueue out = conn.outbound();
        while (!out.isEmpty() && !closed) {
            int count = gather(out);
            long n = driver.faults == null ? driver.sendGathered(fd, count)
                : driver.faults.send(fd, key, count, gathered);
            if (n == -Errno.EAGAIN) {
                setWritePending(true);
                return;
            }
            if (n == -Errno.EINTR) {
                continue;
            }
            if (n < 0) {
                setWritePending(false);
                conn.onFailure(Errno.exception("sendmsg", (int) n));
                return;
            }
            long offered = gathered;
            conn.onWritten(n);
            if (n < offered && !closed) {
                setWritePending(true); // the socket buffer is full: the EPOLLOUT edge resumes
                return;
            }
        }
        setWritePending(false);
    }

    private int gather(OutboundQueue out) {
        int count = Math.min(out.size(), EpollDriver.MAX_IOV);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            Buf b = out.get(i);
            int len = b.readableBytes();
            driver.iov(i, b.address() + b.readIndex(), len);
            bytes += len;
        }
        gathered = bytes;
        return count;
    }

    private void setWritePending(boolean pending) {
        if (pending != writePending) {
            writePending = pending;
            driver.pendingDelta(pending ? 1 : -1);
        }
    }

    @Override
    public void shutdownOutput() {
        if (!closed) {
            int r = Sockets.shutdown(fd, SocketConstants.SHUT_WR);
            if (r < 0) {
                conn.onFailure(Errno.exception("shutdown", r));
            }
        }
    }

    @Override
    public void close(boolean reset) {
        if (closed) {
            return;
        }
        closeDescriptor(reset);
        // Deliver onClosed after the current callback returns, as the completion backends do.
        driver.loop().execute(conn::onClosed);
    }

    private void closeDescriptor(boolean reset) {
        closed = true;
        reading = false;
        setWritePending(false);
        if (reset) {
            driver.calls.setLingerReset(fd);
        }
        driver.unregister(fd, key, this, true);
        driver.socketsDelta(-1);
        LibC.close(fd);
    }

    @Override
    public void abort() {
        if (conn != null) {
            conn.abort();
        } else if (pendingConnect != null && !closed) {
            CompletableFuture<Connection> result = pendingConnect;
            pendingConnect = null;
            driver.pendingDelta(-1);
            closeDescriptor(false);
            result.completeExceptionally(new IOException("loop closed while connecting to " + remote));
        }
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public PeerCredentials peerCredentials() {
        return credentials;
    }
}
