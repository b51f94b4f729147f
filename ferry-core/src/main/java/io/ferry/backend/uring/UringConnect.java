package io.ferry.backend.uring;

import io.ferry.connection.SocketConnection;
import io.ferry.linux.Errno;
import io.ferry.linux.LibC;
import io.ferry.linux.NativeIoException;
import io.ferry.linux.SockAddr;
import io.ferry.linux.SocketCalls;
import io.ferry.linux.SocketConstants;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.SocketOptions;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/** An outgoing connect through IORING_OP_CONNECT; its sockaddr lives until the CQE. */
final class UringConnect implements UringOp {
    private final UringDriver driver;
    private final int fd;
    private final Arena arena = Arena.ofConfined();
    private final SocketOptions options;
    private final Handler handler;
    private final CompletableFuture<Connection> result;
    private final SocketAddress remote;
    private long key;

    private UringConnect(UringDriver driver, int fd, SocketAddress remote, SocketOptions options, Handler handler,
                         CompletableFuture<Connection> result) {
        this.remote = remote;
        this.driver = driver;
        this.fd = fd;
        this.options = options;
        this.handler = handler;
        this.result = result;
    }

    static void start(UringDriver driver, SocketAddress remote, SocketOptions options, Handler handler,
                      CompletableFuture<Connection> result) {
        int fd = SocketCalls.openStream(remote, false); // blocking: see UringListener
        if (fd < 0) {
            result.completeExceptionally(new NativeIoException("socket", -fd));
            return;
        }
        UringConnect c = new UringConnect(driver, fd, remote, options, handler, result);
        MemorySegment addr = c.arena.allocate(SockAddr.STORAGE_SIZE, 8);
        int len;
        try {
            len = SocketCalls.write(addr, remote);
        } catch (RuntimeException e) { // an address it cannot encode: nothing was submitted, so give all back now
            c.arena.close();
            LibC.close(fd);
            result.completeExceptionally(e);
            return;
        }
        driver.prepare(1, false);
        c.key = driver.registerOp(c);
        driver.sqe().prepConnect(fd, addr.address(), len).userData(c.key);
        driver.connecting(c);
        result.whenComplete((conn, e) -> {
            if (result.isCancelled()) { // the caller gave up (a timeout)
                c.callOff();
            }
        });
    }

    /** Cancels the connect, if still in flight; its CQE closes the socket and fails the result. */
    void callOff() {
        if (key != 0) {
            driver.cancel(key);
        }
    }

    @Override
    public void complete(long key, int res, int flags) {
        driver.releaseOp(key);
        driver.connected(this);
        this.key = 0;
        arena.close();
        if (res < 0) {
            LibC.close(fd);
            result.completeExceptionally(new NativeIoException("connect", -res));
            return;
        }
        if (options.tcpNoDelay() && remote instanceof InetSocketAddress) { // a TCP option: Unix sockets refuse it
            driver.calls.setIntOption(fd, SocketConstants.IPPROTO_TCP, SocketConstants.TCP_NODELAY, 1);
        }
        if (driver.isClosing()) {
            LibC.close(fd);
            result.completeExceptionally(new NativeIoException("connect", Errno.ECANCELED));
            return;
        }
        UringSocket socket = new UringSocket(driver, fd, remote, driver.calls.name(fd, false));
        result.complete(SocketConnection.open(driver.loop, socket, options, ignored -> handler));
    }
}
