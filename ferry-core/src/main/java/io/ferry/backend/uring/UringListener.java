package io.ferry.backend.uring;

import static io.ferry.linux.IoUringConstants.IORING_CQE_F_MORE;

import io.ferry.spi.ListenerIo;
import io.ferry.connection.SocketConnection;
import io.ferry.linux.Errno;
import io.ferry.linux.LibC;
import io.ferry.linux.SocketConstants;
import io.ferry.net.HandlerFactory;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A listening socket with one multishot accept: each CQE is a new connection. When the process is
 * out of descriptors (EMFILE/ENFILE) accepting pauses for a moment, with no busy loop, while the open
 * connections keep being served.
 */
final class UringListener implements ListenerIo, UringOp {
    private static final long BACKOFF_MILLIS = 100;
    private static final System.Logger LOG = System.getLogger("io.ferry.linux.uring");
    private final UringDriver driver;
    private final int fd;
    private final SocketAddress address;
    private final SocketOptions options;
    private final HandlerFactory factory;
    private long acceptKey;
    private boolean pausing;
    private boolean closed;

    private UringListener(UringDriver driver, int fd, SocketOptions options, HandlerFactory factory) {
        this.driver = driver;
        this.fd = fd;
        this.options = options;
        this.factory = factory;
        this.address = driver.calls.name(fd, false);
    }

    static UringListener open(UringDriver driver, SocketAddress address, SocketOptions options,
                              HandlerFactory factory) throws IOException {
        int fd = driver.calls.listen(address, options.backlog(), false);
        UringListener l = new UringListener(driver, fd, options, factory);
        l.arm();
        return l;
    }

    private void arm() {
        if (closed || pausing || acceptKey != 0) {
            return;
        }
        driver.prepare(1, false);
        acceptKey = driver.registerOp(this);
        if (driver.faults != null && driver.faults.failAccept(acceptKey)) {
            return;
        }
        // Blocking mode on purpose: io_uring answers -EAGAIN on O_NONBLOCK sockets instead of waiting.
        driver.sqe().prepAcceptMultishot(fd, SocketConstants.SOCK_CLOEXEC).userData(acceptKey);
    }

    @Override
    public void complete(long key, int res, int flags) {
        boolean more = (flags & IORING_CQE_F_MORE) != 0;
        if (!more) {
            driver.releaseOp(acceptKey);
            acceptKey = 0;
        }
        if (res >= 0) {
            accepted(res);
        } else if (res == -Errno.EMFILE || res == -Errno.ENFILE || res == -Errno.ENOMEM || res == -Errno.ENOBUFS) {
            backOff(res, more);
        } else if (res != -Errno.ECANCELED) {
            LOG.log(System.Logger.Level.WARNING, "accept on " + address + " failed: " + Errno.name(-res));
        }
        if (!more) {
            if (closed) {
                LibC.close(fd);
            } else {
                arm();
            }
        }
    }

    private void accepted(int socketFd) {
        if (closed) {
            LibC.close(socketFd);
            return;
        }
        if (options.tcpNoDelay() && address instanceof InetSocketAddress) { // a TCP option: Unix sockets refuse it
            driver.calls.setIntOption(socketFd, SocketConstants.IPPROTO_TCP, SocketConstants.TCP_NODELAY, 1);
        }
        // The peer's address is read now: after a reset getpeername fails, and the handler's error names the peer.
        SocketAddress peer = driver.calls.name(socketFd, true);
        driver.loop.counters().connectionAccepted();
        SocketConnection.open(driver.loop, new UringSocket(driver, socketFd, peer,
            driver.calls.acceptedLocal(address, socketFd)), options, factory);
    }

    // Pausing outlives the multishot's cancellation: its final CQE must not re-arm before the pause ends. A
    // shortage reported after close() falls through to the caller's close branch like any final CQE.
    private void backOff(int res, boolean more) {
        if (closed || pausing) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "accept on " + address + " failed: " + Errno.name(-res)
            + "; pausing accepts for " + BACKOFF_MILLIS + " ms, open connections keep running");
        pausing = true;
        if (more) {
            driver.cancel(acceptKey);
        }
        driver.loop.schedule(this::resume, BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void resume() {
        pausing = false;
        arm();
    }

    @Override
    public SocketAddress localAddress() {
        return address;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        driver.forget(this);
        if (acceptKey != 0) {
            driver.cancel(acceptKey); // the descriptor closes on the final CQE
        } else {
            LibC.close(fd);
        }
    }
}
