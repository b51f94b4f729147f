package io.ferry.connection;

import io.ferry.buffer.Buf;
import io.ferry.net.DatagramAddress;
import io.ferry.net.DatagramHandler;
import io.ferry.net.DatagramOptions;
import io.ferry.net.DatagramSocket;
import io.ferry.spi.DatagramEvents;
import io.ferry.spi.DatagramIo;
import io.ferry.spi.DatagramOutbox;
import io.ferry.spi.LoopContext;
import io.ferry.loop.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The backend-independent half of a datagram socket: checks and queues sends, schedules one flush per loop
 * turn (so a burst of sends leaves as one batch), hands datagrams to the handler, and closes in order.
 * Loop thread, apart from {@link #close()} and the getters.
 */
public final class DatagramEndpoint implements DatagramSocket, DatagramEvents, AutoCloseable {
    private static final long FULL_QUEUE_RETRY_NANOS = 50_000;
    private final LoopContext loop;
    private final DatagramHandler handler;
    private final DatagramOptions options;
    private final DatagramOutbox outbox;
    private final DatagramAddress remote;
    private final Runnable flushTask = this::flushNow;
    private final Runnable closeTask = this::closeOnLoop;
    private DatagramIo io;
    private InetSocketAddress local;
    private volatile boolean open = true;
    private boolean flushScheduled;
    /** The backend was told to close (loop thread); {@link #open} turns false first, on any thread. */
    private boolean ioClosed;
    private volatile long truncated;
    private volatile long dropped;

    private DatagramEndpoint(LoopContext loop, DatagramOptions options, DatagramHandler handler) {
        this.loop = loop;
        this.handler = handler;
        this.options = options;
        this.outbox = new DatagramOutbox(options.sendQueue());
        this.remote = options.remote() == null ? null : DatagramAddress.of(options.remote());
    }

    /**
     * Opens a datagram socket on {@code loop}. Its loop thread.
     *
     * @param loop the loop that runs it
     * @param local where to bind
     * @param options connected peer, receive limit, send queue
     * @param handler its callbacks
     * @return the open socket, tracked by the loop (closed when the runtime closes)
     * @throws IOException when the backend cannot open, bind or connect it; the message names the address
     */
    public static DatagramSocket open(LoopContext loop, InetSocketAddress local, DatagramOptions options,
                                      DatagramHandler handler) throws IOException {
        DatagramEndpoint e = new DatagramEndpoint(loop, options, handler);
        try {
            e.io = loop.driver().openDatagram(local, options, e);
        } catch (IOException | RuntimeException x) {
            throw new IOException("UDP bind to " + local
                + (options.remote() == null ? "" : " connected to " + options.remote()) + " failed: " + x.getMessage(),
                x);
        }
        e.local = e.io.localAddress();
        loop.track(e);
        return e;
    }

    @Override
    public boolean send(Buf data, DatagramAddress to) {
        int length = data.readableBytes();
        String refused = refusal(to, length);
        if (refused != null) {
            data.release();
            if (!loop.inLoop() || !open) {
                throw new IllegalStateException(refused);
            }
            throw new IllegalArgumentException(refused);
        }
        if (!outbox.add(data, to == null ? remote : to)) {
            data.release();
            dropped++;
            return false;
        }
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(flushTask);
        }
        return true;
    }

    /** Why a send is refused, or null. */
    private String refusal(DatagramAddress to, int length) {
        if (!loop.inLoop()) {
            return "DatagramSocket used from " + Thread.currentThread().getName() + ", not its loop "
                + loop.name() + "; hand the send over with loop().execute";
        }
        if (!open) {
            return "send on a closed datagram socket " + local;
        }
        if (to == null && remote == null) {
            return "send without an address on an unconnected datagram socket " + local;
        }
        boolean ipv6 = (to == null ? remote : to).isIpv6();
        int max = DatagramOptions.maxPayload(ipv6);
        if (length > max) {
            return "datagram of " + length + " bytes is longer than UDP allows over " + (ipv6 ? "IPv6" : "IPv4")
                + " (" + max + " bytes)";
        }
        return null;
    }

    @Override
    public boolean send(Buf data) {
        if (remote == null && loop.inLoop() && open) {
            data.release();
            throw new IllegalStateException("send without an address on an unconnected datagram socket " + local);
        }
        return send(data, null);
    }

    private void flushNow() {
        flushScheduled = false;
        if (open && outbox.size() > 0) {
            io.flush();
        }
    }

    @Override
    public void onDatagram(Buf data, DatagramAddress sender, boolean cut) {
        loop.counters().received(data.readableBytes());
        if (cut) {
            truncated++;
        }
        try {
            handler.onDatagram(this, data, sender, cut);
        } catch (Throwable t) {
            loop.reportError(t);
        }
    }

    @Override
    public void onError(IOException error) {
        try {
            handler.onError(this, error);
        } catch (Throwable t) {
            loop.reportError(t);
        }
    }

    @Override
    public void onClosed() {
        outbox.clear();
        loop.untrack(this);
        try {
            handler.onClose(this);
        } catch (Throwable t) {
            loop.reportError(t);
        }
    }

    @Override
    public DatagramOutbox outbox() {
        return outbox;
    }

    @Override
    public int receiveLimit() {
        return options.receiveLimit();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return options.remote();
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long truncatedDatagrams() {
        return truncated;
    }

    @Override
    public long droppedDatagrams() {
        return dropped;
    }

    @Override
    public void close() {
        boolean first = open;
        open = false;
        if (loop.inLoop()) {
            closeOnLoop();
        } else if (first) {
            handOverClose();
        }
    }

    /**
     * Queues the close on the loop, waiting while its task queue is full: refused, the close would be lost (the
     * socket and its descriptor kept until the runtime closes). A stopped loop has closed its sockets itself.
     */
    private void handOverClose() {
        while (true) {
            try {
                loop.execute(closeTask);
                return;
            } catch (RejectedExecutionException refused) {
                if (loop.hasStopped()) {
                    return;
                }
                LockSupport.parkNanos(FULL_QUEUE_RETRY_NANOS); // the loop is draining its queue
            }
        }
    }

    private void closeOnLoop() {
        if (!ioClosed) {
            ioClosed = true;
            io.close();
        }
    }

    @Override
    public String toString() {
        return "DatagramSocket[" + local + (options.remote() == null ? "" : " -> " + options.remote()) + "]";
    }
}
