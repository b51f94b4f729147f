package io.ferry.backend.epoll;

import io.ferry.linux.Errno;
import io.ferry.linux.LibC;
import io.ferry.loop.Timer;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Unix connect waiting for room in the listener's backlog. A non-blocking AF_UNIX connect answers EAGAIN while
 * the backlog is full (TCP queues the SYN instead), and epoll cannot wait for room on an unconnected socket, so the
 * connect is tried again after a pause that doubles from 1 ms to {@value #MAX_PAUSE_MILLIS} ms. The connect thus
 * waits for room as it does on io_uring (a blocking connect in the kernel's worker) and over TCP; a timeout cancels
 * it like any connect, and the driver's close aborts it (it is one of the driver's channels, with no epoll
 * registration). Loop thread only.
 */
final class UnixConnectWait implements EpollChannel {
    private static final long MAX_PAUSE_MILLIS = 64;
    private final EpollDriver driver;
    private final int fd;
    private final SocketAddress remote;
    private final SocketOptions options;
    private final Handler handler;
    private final CompletableFuture<Connection> result;
    private final long key;
    private long pauseMillis = 1;
    private Timer timer;
    private boolean done;

    private UnixConnectWait(EpollDriver driver, int fd, SocketAddress remote, SocketOptions options, Handler handler,
                            CompletableFuture<Connection> result) {
        this.driver = driver;
        this.fd = fd;
        this.remote = remote;
        this.options = options;
        this.handler = handler;
        this.result = result;
        this.key = driver.register(this);
    }

    /** Starts waiting for {@code fd}, whose connect to {@code remote} just answered EAGAIN. */
    static void start(EpollDriver driver, int fd, SocketAddress remote, SocketOptions options, Handler handler,
                      CompletableFuture<Connection> result) {
        UnixConnectWait w = new UnixConnectWait(driver, fd, remote, options, handler, result);
        driver.pendingDelta(1);
        w.pause();
        result.whenComplete((c, e) -> {
            if (result.isCancelled()) {
                w.giveUp(); // a timeout: on the loop thread, where the attempt is cancelled
            }
        });
    }

    private void pause() {
        timer = driver.loop().schedule(this::retry, pauseMillis, TimeUnit.MILLISECONDS);
        pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
    }

    private void retry() {
        timer = null;
        if (done) {
            return;
        }
        int r = driver.calls.connect(fd, remote);
        if (r == -Errno.EAGAIN) {
            pause();
            return;
        }
        finish();
        EpollSocket.connected(driver, fd, remote, options, handler, result, r);
    }

    private void giveUp() {
        if (!done) {
            finish();
            LibC.close(fd);
        }
    }

    private void finish() {
        done = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        driver.pendingDelta(-1);
        driver.unregister(fd, key, this, false);
    }

    @Override
    public void ready(int events) {
        // never registered with epoll: the timer drives it
    }

    @Override
    public void abort() {
        if (!done) {
            giveUp();
            result.completeExceptionally(new IOException("loop closed while connecting to " + remote));
        }
    }
}
