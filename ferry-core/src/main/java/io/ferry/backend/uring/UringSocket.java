package io.ferry.backend.uring;

import static io.ferry.linux.IoUringConstants.IORING_CQE_F_MORE;

import io.ferry.spi.OutboundQueue;
import io.ferry.spi.SocketEvents;
import io.ferry.spi.SocketIo;
import io.ferry.buffer.Buf;
import io.ferry.buffer.PoolExhaustedException;
import io.ferry.linux.Errno;
import io.ferry.linux.FileConstants;
import io.ferry.linux.LibC;
import io.ferry.linux.NativeIoException;
import io.ferry.linux.SocketConstants;
import io.ferry.linux.Sockets;
import io.ferry.net.PeerCredentials;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * A connection on io_uring. Receives follow the loop's {@link io.ferry.backend.UringReceiveStrategy} through a
 * {@link UringReceiver} (by default one multishot recv selecting buffers from the loop's ring), re-armed when
 * the request ends; sends take the head of the outbound queue as one gathered sendmsg (or a
 * plain send for a single buffer) and keep those buffers pinned until the CQE; a short send resumes
 * from where it stopped. Closing cancels what is in flight and closes the descriptor only after
 * the last CQE, so the kernel never writes into memory that was given back.
 *
 * <p>The socket registers itself in the driver's op table once per operation kind and tells
 * completions apart by key: no object per operation.
 */
final class UringSocket implements SocketIo, UringOp {
    private final UringDriver driver;
    private final int fd;
    private final UringReceiver receiver;
    private SocketEvents conn;
    private long recvKey;
    private long sendKey;
    /** A poll for POLLERR/POLLHUP while no receive runs (paused, or waiting for buffers): see {@link #watch()}. */
    private long watchKey;
    private boolean reading;
    private boolean inputClosed;
    private boolean closing;
    private boolean closed;
    /** Read on the loop when the connection was made: the getters answer from any thread. */
    private final SocketAddress remote;
    private final SocketAddress local;
    private final PeerCredentials credentials;

    /** Null addresses stay null (the kernel had none). A Unix peer's credentials are read now. */
    UringSocket(UringDriver driver, int fd, SocketAddress remote, SocketAddress local) {
        this.driver = driver;
        this.fd = fd;
        this.remote = remote;
        this.local = local;
        this.credentials = remote instanceof UnixDomainSocketAddress ? driver.peerCredentials(fd) : null;
        this.receiver = driver.newReceiver();
        driver.adopt(this);
    }

    @Override
    public void bind(SocketEvents connection) {
        this.conn = connection;
    }

    // ---- receiving --------------------------------------------------------------------------

    @Override
    public void resumeReading() {
        reading = true;
        armRecv();
    }

    @Override
    public void pauseReading() {
        reading = false;
        if (recvKey != 0) {
            driver.cancel(recvKey);
        }
        watch();
    }

    /**
     * While no receive is armed, nothing would see the peer reset: a poll that only errors and hang-ups
     * end (io_uring always reports POLLERR and POLLHUP) does, so a paused or starved connection is closed
     * at once instead of holding its descriptor until a timeout. A FIN is not an error and stays unread
     * until reading resumes, as on epoll.
     */
    private void watch() {
        if (watchKey != 0 || closing || inputClosed) {
            return;
        }
        driver.prepare(1, false);
        watchKey = driver.registerSocketOp(this);
        driver.sqe().prepPollAdd(fd, FileConstants.POLLERR).userData(watchKey);
    }

    private void onWatch(int res) {
        driver.releaseSocketOp(watchKey);
        watchKey = 0;
        if (closing) {
            finishIfIdle();
            return;
        }
        if (res > 0) {
            int error = driver.calls.intOption(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_ERROR);
            if (error != 0) {
                conn.onFailure(Errno.exception("recv", error));
            }
            // No error: an orderly hang-up. Its bytes and FIN wait for the resumed receive; a new poll would
            // only fire again at once.
        } else if (recvKey == 0) {
            watch(); // cancelled by a resume that found no buffer, or paused again before this CQE came
        }
    }

    /** Arms the receive unless it runs, is not wanted, or the ring has no buffer left. */
    void armRecv() {
        if (recvKey != 0 || !reading || inputClosed || closing) {
            return;
        }
        boolean ready;
        try {
            ready = receiver.ready();
        } catch (PoolExhaustedException e) {
            conn.onFailure(new IOException("recv: no receive buffer: " + e.getMessage(), e));
            return;
        }
        if (!ready) {
            driver.starved(this);
            watch();
            return;
        }
        if (watchKey != 0) {
            driver.cancel(watchKey);
        }
        driver.prepare(1, false);
        recvKey = driver.registerSocketOp(this);
        if (driver.faults != null && driver.faults.failRecv(fd, recvKey)) {
            return;
        }
        receiver.arm(fd, recvKey);
    }

    @Override
    public void complete(long key, int res, int flags) {
        if (key == recvKey) {
            onRecv(res, flags);
        } else if (key == sendKey) {
            onSend(res);
        } else if (key == watchKey) {
            onWatch(res);
        }
    }

    private void onRecv(int res, int flags) {
        boolean more = (flags & IORING_CQE_F_MORE) != 0;
        if (!more) {
            driver.releaseSocketOp(recvKey);
            recvKey = 0;
        }
        int n = res > 0 ? receiver.settle(fd, res) : res;
        Buf data = n > 0 ? receiver.take(n, flags) : null;
        if (!more) {
            receiver.ended();
        }
        if (data != null) {
            if (closing) {
                data.release();
            } else {
                conn.onRead(data);
            }
        } else if (n == 0) {
            inputClosed = true;
            if (!closing) {
                conn.onInputClosed();
            }
        } else if (n == -Errno.ENOBUFS) {
            if (!more && !closing) {
                driver.starved(this); // the ring ran dry: wait for buffers, keep the connection
                watch();
                return;
            }
        } else if (n != -Errno.ECANCELED && n != -Errno.EAGAIN && !closing) {
            conn.onFailure(new NativeIoException("recv", -n)); // EAGAIN: a probe's data was gone; probe again
        }
        if (!more) {
            if (closing) {
                finishIfIdle();
            } else {
                armRecv();
            }
        }
    }

    // ---- sending ----------------------------------------------------------------------------

    @Override
    public void flush() {
        if (sendKey == 0 && !closed) {
            send();
        }
    }

    private void send() {
        OutboundQueue out = conn.outbound();
        if (out.isEmpty()) {
            return;
        }
        int n = Math.min(out.size(), SendArena.MAX_IOV);
        int cut = driver.faults == null ? -1 : driver.faults.shortSend(out, n);
        n = cut < 0 ? n : 1;
        driver.prepare(1, n > 1);
        sendKey = driver.registerSocketOp(this);
        if (driver.faults != null && driver.faults.failSend(fd, sendKey)) {
            return;
        }
        if (n == 1) {
            Buf b = out.get(0);
            int length = cut < 0 ? b.readableBytes() : cut;
            driver.sqe().prepSend(fd, b.address() + b.readIndex(), length, SocketConstants.MSG_NOSIGNAL)
                .userData(sendKey);
            return;
        }
        SendArena sends = driver.sends();
        long slot = sends.take();
        for (int i = 0; i < n; i++) {
            Buf b = out.get(i);
            sends.iov(slot, i, b.address() + b.readIndex(), b.readableBytes());
        }
        driver.sqe().prepSendmsg(fd, sends.msghdr(slot, n), SocketConstants.MSG_NOSIGNAL).userData(sendKey);
    }

    private void onSend(int res) {
        driver.releaseSocketOp(sendKey);
        sendKey = 0;
        if (res >= 0) {
            if (res > 0) {
                conn.onWritten(res); // releases what was sent: the kernel is done with it now
            }
            if (!closing && sendKey == 0) {
                send(); // the rest of a short send (unless onWritten's callbacks already flushed)
            }
        } else if (res == -Errno.EAGAIN && !closing) {
            send(); // only on a socket someone set non-blocking: try again, nothing was sent
        } else if (res != -Errno.ECANCELED && !closing) {
            conn.onFailure(new NativeIoException("send", -res));
        }
        if (closing) {
            finishIfIdle();
        }
    }

    @Override
    public void shutdownOutput() {
        if (!closed) {
            int r = Sockets.shutdown(fd, SocketConstants.SHUT_WR);
            if (r < 0 && r != -Errno.ENOTCONN) {
                conn.onFailure(new NativeIoException("shutdown", -r));
            }
        }
    }

    // ---- closing ----------------------------------------------------------------------------

    @Override
    public void close(boolean reset) {
        if (closing) {
            return;
        }
        closing = true;
        reading = false;
        if (reset) {
            driver.calls.setLingerReset(fd);
        }
        if (recvKey != 0) {
            driver.cancel(recvKey);
        }
        if (sendKey != 0) {
            driver.cancel(sendKey);
        }
        if (watchKey != 0) {
            driver.cancel(watchKey);
        }
        finishIfIdle();
    }

    /** The loop is stopping. */
    void abort() {
        if (conn != null) {
            conn.abort();
        } else {
            close(true);
        }
    }

    /** Once no operation can touch this socket's buffers: close the descriptor, then report. */
    private void finishIfIdle() {
        if (closed || recvKey != 0 || sendKey != 0 || watchKey != 0) {
            return;
        }
        closed = true;
        LibC.close(fd);
        driver.forget(this);
        if (conn != null) {
            driver.loop.execute(conn::onClosed);
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
