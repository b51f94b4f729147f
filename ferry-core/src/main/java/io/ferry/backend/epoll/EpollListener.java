package io.ferry.backend.epoll;

import io.ferry.spi.ListenerIo;
import io.ferry.connection.SocketConnection;
import io.ferry.linux.Epoll;
import io.ferry.linux.Errno;
import io.ferry.linux.LibC;
import io.ferry.linux.NativeIoException;
import io.ferry.linux.SocketConstants;
import io.ferry.loop.Timer;
import io.ferry.net.HandlerFactory;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A listening socket (SO_REUSEADDR + SO_REUSEPORT, so every loop has its own on one port). Accepts
 * until EAGAIN or a budget per turn; since edge-triggered epoll reports pending connections only
 * once, a spent budget queues a continuation on the loop. Out of descriptors (EMFILE, ENFILE) it
 * stops accepting for {@value #BACKOFF_MILLIS} ms on a timer, never spinning, and keeps serving the
 * open connections. Loop thread only.
 */
final class EpollListener implements ListenerIo, EpollChannel {
    private static final int ACCEPT_BUDGET = 64;
    private static final long BACKOFF_MILLIS = 100;
    private static final System.Logger LOG = System.getLogger("io.ferry.linux.epoll");
    private final EpollDriver driver;
    private final int fd;
    private final SocketOptions options;
    private final HandlerFactory factory;
    private final SocketAddress local;
    private final Runnable acceptAgain = this::acceptAgain;
    private final Runnable endBackoff = this::endBackoff;
    private long key;
    private boolean continuationQueued;
    private Timer backoff;
    private boolean closed;

    private EpollListener(EpollDriver driver, int fd, SocketOptions options, HandlerFactory factory,
                          SocketAddress local) {
        this.driver = driver;
        this.fd = fd;
        this.options = options;
        this.factory = factory;
        this.local = local;
    }

    static EpollListener open(EpollDriver driver, SocketAddress address, SocketOptions options,
                              HandlerFactory factory) throws IOException {
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address: " + address);
        }
        int fd = driver.calls.listen(address, options.backlog(), true);
        try {
            SocketAddress local = driver.calls.name(fd, false);
            EpollListener l = new EpollListener(driver, fd, options, factory, local);
            l.key = driver.register(l);
            int r = driver.add(fd, Epoll.EPOLLIN | Epoll.EPOLLET, l.key);
            if (r < 0) {
                driver.unregister(fd, l.key, l, false);
                throw Errno.exception("epoll_ctl(ADD listener)", r);
            }
            return l;
        } catch (IOException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    @Override
    public void ready(int events) {
        if (backoff == null && !continuationQueued) {
            acceptSome();
        }
    }

    private void acceptSome() {
        for (int i = 0; i < ACCEPT_BUDGET && !closed; i++) {
            int cfd = driver.faults == null ? driver.calls.accept(fd) : driver.faults.accept(fd);
            if (cfd >= 0) {
                adopt(cfd);
            } else if (cfd == -Errno.EAGAIN) {
                return;
            } else if (cfd != -Errno.EINTR && cfd != -Errno.ECONNABORTED) {
                backOff(cfd);
                return;
            }
        }
        if (!closed) {
            continuationQueued = true; // no new edge will come for connections still queued
            driver.loop().execute(acceptAgain);
        }
    }

    private void adopt(int cfd) {
        SocketAddress remote = driver.calls.lastAddress();
        try {
            if (remote instanceof InetSocketAddress) { // a TCP option: Unix sockets refuse it
                driver.calls.setIntOption(cfd, SocketConstants.IPPROTO_TCP, SocketConstants.TCP_NODELAY,
                    options.tcpNoDelay() ? 1 : 0);
            }
            SocketAddress localAddress = driver.calls.acceptedLocal(local, cfd);
            EpollSocket socket = EpollSocket.adopt(driver, cfd, options, remote, localAddress);
            driver.loop().counters().connectionAccepted();
            SocketConnection.open(driver.loop(), socket, options, factory);
        } catch (NativeIoException e) {
            LibC.close(cfd);
            driver.loop().reportError(e);
        }
    }

    /** accept4 failed (typically EMFILE): stop accepting for a moment instead of spinning on it. */
    private void backOff(int error) {
        LOG.log(System.Logger.Level.WARNING, "accept4 on " + local + " failed (" + Errno.name(error) + ": "
            + Errno.message(error) + "); pausing accepts for " + BACKOFF_MILLIS + " ms");
        backoff = driver.loop().schedule(endBackoff, BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void endBackoff() {
        backoff = null;
        if (!closed) {
            acceptSome();
        }
    }

    private void acceptAgain() {
        continuationQueued = false;
        if (!closed && backoff == null) {
            acceptSome();
        }
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (backoff != null) {
            backoff.cancel();
            backoff = null;
        }
        driver.unregister(fd, key, this, true);
        LibC.close(fd);
    }

    @Override
    public void abort() {
        close();
    }
}
