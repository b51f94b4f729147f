package io.ferry.backend.uring;

import io.ferry.buffer.Buf;
import io.ferry.buffer.PoolExhaustedException;
import io.ferry.buffer.RecvSizer;
import io.ferry.linux.Errno;
import io.ferry.linux.SocketConstants;

/**
 * {@code PROBE_THEN_READ}: a 1-byte {@code MSG_PEEK} recv into the loop's scratch byte waits for data without
 * holding a buffer; when it completes, one non-blocking {@code recv(MSG_DONTWAIT)} reads what is there into a
 * pool buffer of the size an adaptive {@link RecvSizer} asks for (the default one: the connection's
 * {@code SocketOptions} sizer is not passed to io_uring sockets). The read is a system call of its own,
 * counted in the loop's kernel entries. Loop thread only.
 */
final class ProbeThenReadReceiver implements UringReceiver {
    private final UringDriver driver;
    private final RecvSizer sizer = RecvSizer.adaptive();
    private Buf read;

    ProbeThenReadReceiver(UringDriver driver) {
        this.driver = driver;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void arm(int fd, long key) {
        driver.sqe().prepRecv(fd, driver.probeByte(), 1, SocketConstants.MSG_PEEK).userData(key);
    }

    /** The probe saw data: read it now. -EAGAIN when it is gone (another reader took it): re-arm the probe. */
    @Override
    public int settle(int fd, int res) {
        int want = sizer.nextReadSize();
        Buf into;
        try {
            into = driver.loop.pool().acquire(want);
        } catch (PoolExhaustedException e) {
            return -Errno.ENOMEM;
        }
        int n = (int) driver.recvNow(fd, into.address(), want);
        if (n <= 0) {
            into.release();
            return n;
        }
        sizer.record(n);
        read = into.writeIndex(n);
        return n;
    }

    @Override
    public Buf take(int bytes, int flags) {
        Buf data = read;
        read = null;
        return data;
    }
}
