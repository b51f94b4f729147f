package io.ferry.backend.nio;

import io.ferry.spi.OutboundQueue;
import io.ferry.spi.SocketEvents;
import io.ferry.spi.SocketIo;
import io.ferry.buffer.Buf;
import io.ferry.buffer.internal.PoolAccess;
import io.ferry.buffer.RecvSizer;
import io.ferry.spi.SharedRecvBuffer;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import io.ferry.net.PeerCredentials;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connection on java.nio: reads into the loop's shared receive buffer until the socket is drained
 * or the read budget is spent; writes the outbound queue as one gathered write, with OP_WRITE
 * interest only while bytes are left over.
 */
final class NioSocket implements SocketIo, NioDriver.NioChannel {
    // Fields are few on purpose (issue 17): each idle connection holds one of these. The channel is
    // the key's; an outgoing connect's state is a NioConnect's; the gathered write's size is the driver's.
    private final NioDriver driver;
    private final SelectionKey key;
    private final SocketOptions options;
    private final RecvSizer sizer;
    private SocketEvents conn;
    /** Both addresses, taken at close: the closed channel no longer tells them. Null while open. */
    private SocketAddress[] closedAddresses;
    private boolean reading;
    private boolean inputClosed;
    private boolean closed;

    NioSocket(NioDriver driver, SocketChannel channel, SocketOptions options) throws IOException {
        this.driver = driver;
        this.options = options;
        this.sizer = options.recvSizer().get();
        this.key = channel.register(driver.selector(), 0, this);
    }

    @Override
    public void bind(SocketEvents connection) {
        this.conn = connection;
    }

    NioDriver driver() {
        return driver;
    }

    SelectionKey key() {
        return key;
    }

    SocketChannel channel() {
        return (SocketChannel) key.channel();
    }

    /** The connect finished: the socket takes over its key, with no interest until it reads. */
    void connected() {
        key.attach(this);
        key.interestOps(0);
    }

    /** The connect failed or was given up: the channel goes, no connection was made. */
    void discard() {
        key.cancel();
        NioDriver.closeQuietly(channel());
    }

    @Override
    public void ready(SelectionKey k) throws IOException {
        int ops = k.readyOps();
        if ((ops & SelectionKey.OP_WRITE) != 0 && !closed) {
            writeNow();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && !closed) {
            readNow();
        }
    }

    private void readNow() {
        SharedRecvBuffer recv = driver.recv();
        int budget = options.readBudget();
        while (reading && budget > 0 && !closed) {
            int want = sizer.nextReadSize();
            Buf into = recv.reserve(want);
            int size = recv.readSize(want);
            int n;
            try {
                ByteBuffer target = into.nioBuffer(into.writeIndex(), size);
                SocketChannel channel = channel();
                n = driver.faults == null ? channel.read(target) : driver.faults.read(channel, target);
            } catch (IOException e) {
                conn.onFailure(e);
                return;
            }
            if (n > 0) {
                sizer.record(n);
                budget -= n;
                conn.onRead(recv.commit(n));
                if (n < size) {
                    return;
                }
            } else if (n < 0) {
                inputClosed = true;
                setReading(false);
                conn.onInputClosed();
                return;
            } else {
                return;
            }
        }
    }

    @Override
    public void resumeReading() {
        if (!inputClosed) {
            setReading(true);
        }
    }

    @Override
    public void pauseReading() {
        setReading(false);
    }

    private void setReading(boolean on) {
        reading = on;
        if (!closed && key.isValid()) {
            int ops = key.interestOps();
            key.interestOps(on ? ops | SelectionKey.OP_READ : ops & ~SelectionKey.OP_READ);
        }
    }

    @Override
    public void flush() {
        if (!closed && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
            writeNow();
        }
    }

    /** Writes as much of the queue as the socket takes; waits for OP_WRITE if some is left. */
    private void writeNow() {
        OutboundQueue out = conn.outbound();
        while (!out.isEmpty()) {
            int count = gather(out);
            long n;
            try {
                ByteBuffer[] scratch = driver.gatherScratch();
                SocketChannel channel = channel();
                if (driver.faults != null) {
                    n = driver.faults.write(channel, scratch, count, driver.gatheredBytes);
                } else {
                    n = count == 1 ? channel.write(scratch[0]) : channel.write(scratch, 0, count);
                }
            } catch (IOException e) {
                clearGather(count);
                conn.onFailure(e);
                return;
            }
            clearGather(count);
            if (n > 0) {
                conn.onWritten(n);
            }
            if (closed) {
                return;
            }
            if (n == 0 || !out.isEmpty() && n < driver.gatheredBytes) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                return;
            }
        }
        if (key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
    }

    /**
     * Fills the scratch array with ByteBuffer views of the queue's head. A buffer's storage has one
     * shared ByteBuffer, so storage used twice ends the batch unless its bytes directly follow the
     * previous entry's (as BufWriter's slices do), in which case that entry grows.
     */
    private int gather(OutboundQueue out) {
        ByteBuffer[] scratch = driver.gatherScratch();
        int count = 0;
        long bytes = 0;
        Buf previous = null;
        long previousEnd = 0;
        for (int i = 0; i < out.size() && count < scratch.length; i++) {
            Buf b = out.get(i);
            long start = b.address() + b.readIndex();
            int len = b.readableBytes();
            if (previous != null && start == previousEnd && PoolAccess.sharesStorage(previous, b)) {
                ByteBuffer last = scratch[count - 1];
                last.limit(last.limit() + len);
            } else if (storageUsedBefore(out, i, b)) {
                break;
            } else {
                scratch[count++] = b.nioBuffer(b.readIndex(), len);
            }
            bytes += len;
            previous = b;
            previousEnd = start + len;
        }
        driver.gatheredBytes = bytes;
        return count;
    }

    private static boolean storageUsedBefore(OutboundQueue out, int end, Buf b) {
        for (int j = 0; j < end; j++) {
            if (PoolAccess.sharesStorage(out.get(j), b)) {
                return true;
            }
        }
        return false;
    }

    private void clearGather(int count) {
        ByteBuffer[] scratch = driver.gatherScratch();
        for (int i = 0; i < count; i++) {
            scratch[i] = null;
        }
    }

    @Override
    public void shutdownOutput() {
        if (!closed) {
            try {
                channel().shutdownOutput();
            } catch (IOException e) {
                conn.onFailure(e);
            }
        }
    }

    @Override
    public void close(boolean reset) {
        if (closed) {
            return;
        }
        closedAddresses = new SocketAddress[] {remoteAddress(), localAddress()}; // readable after close
        closed = true;
        reading = false;
        key.cancel();
        SocketChannel channel = channel();
        if (reset) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | UnsupportedOperationException ignored) {
                // already broken, or a Unix channel (no RST to send): closing below is all that is left to do
            }
        }
        NioDriver.closeQuietly(channel);
        // Deliver onClosed after the current callback returns, as the completion backends do.
        driver.loop().execute(conn::onClosed);
    }

    @Override
    public void abort() {
        if (conn != null) {
            conn.abort();
        }
    }

    @Override
    public SocketAddress remoteAddress() {
        return closedAddresses != null ? closedAddresses[0] : address(true);
    }

    @Override
    public SocketAddress localAddress() {
        return closedAddresses != null ? closedAddresses[1] : address(false);
    }

    @Override
    public PeerCredentials peerCredentials() {
        SocketChannel channel = channel();
        if (!channel.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) {
            return null; // TCP
        }
        try {
            UnixDomainPrincipal p = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return PeerCredentials.ofNames(p.user().getName(), p.group().getName());
        } catch (IOException e) {
            return null;
        }
    }

    private SocketAddress address(boolean peer) {
        try {
            return peer ? channel().getRemoteAddress() : channel().getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }
}
