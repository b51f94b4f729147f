package io.ferry.net.blocking;

import io.ferry.buffer.Buf;
import io.ferry.loop.EventLoop;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import io.ferry.net.PeerCredentials;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The loop half of a {@link FerrySocket}: a {@link Handler} that feeds the {@link Inbox}, drains the
 * {@link Outbox}, and carries out what the virtual thread asks for.
 *
 * <p>Requests from the virtual thread (resume reading, drain writes, shut down output, close, abort)
 * are bits OR-ed into one atomic word. Only the request that finds the word empty queues this bridge
 * (itself a {@code Runnable}) on the loop with {@link EventLoop#execute}; the task takes the whole
 * word at once. So a burst of requests costs one lock-free queue offer and at most one wake-up, and
 * nothing is allocated per request.
 *
 * <p>Threads: the {@code Handler} callbacks and {@link #run()} on the connection's loop;
 * {@link #request} from any thread.
 */
final class SocketBridge implements Handler, Runnable {
    static final int RESUME = 1;
    static final int DRAIN = 1 << 1;
    static final int SHUTDOWN = 1 << 2;
    static final int CLOSE = 1 << 3;
    static final int ABORT = 1 << 4;
    private static final VarHandle REQUESTS;
    private static final long FULL_QUEUE_RETRY_NANOS = 50_000;

    static {
        try {
            REQUESTS = MethodHandles.lookup().findVarHandle(SocketBridge.class, "requests", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Inbox inbox;
    private final Outbox outbox;
    private final FerrySocket socket;
    private final SocketHandler handler;
    private Connection connection; // loop thread
    private volatile EventLoop loop;
    private volatile String name = "connection (opening)";
    private volatile SocketAddress remote;
    private volatile SocketAddress local;
    private volatile PeerCredentials credentials;
    @SuppressWarnings("unused") // accessed through REQUESTS
    private volatile int requests;

    /**
     * @param handler what runs on the connection's virtual thread (one of its loop's
     *                {@link EventLoop#virtualThreads()}), or null for a client socket
     */
    SocketBridge(long lowWatermark, long highWatermark, SocketHandler handler) {
        this.inbox = new Inbox(this, highWatermark, lowWatermark);
        this.outbox = new Outbox(this, highWatermark);
        this.socket = new FerrySocket(this);
        this.handler = handler;
    }

    FerrySocket socket() {
        return socket;
    }

    /** The connection's loop; set when it opens. */
    EventLoop loop() {
        return loop;
    }

    Inbox inbox() {
        return inbox;
    }

    Outbox outbox() {
        return outbox;
    }

    SocketAddress remoteAddress() {
        return remote;
    }

    SocketAddress localAddress() {
        return local;
    }

    PeerCredentials peerCredentials() {
        return credentials;
    }

    /** Any thread: asks the loop to act on {@code bits} soon; waits (parked) while the loop's queue is full. */
    void request(int bits) {
        int before = (int) REQUESTS.getAndBitwiseOr(this, bits);
        if (before != 0) {
            return; // already queued: that task takes these bits too
        }
        EventLoop l = loop;
        if (l == null) {
            return; // onOpen takes the bits
        }
        while (true) {
            try {
                l.execute(this);
                return;
            } catch (RejectedExecutionException e) {
                if (l.hasStopped()) {
                    loopGone(e);
                    return;
                }
                // Only full: the loop is draining its queue. Dropping the request would leave these bits set,
                // so no later request (a close, an abort) would ever reach the loop.
                LockSupport.parkNanos(FULL_QUEUE_RETRY_NANOS);
            }
        }
    }

    private void loopGone(RejectedExecutionException refusal) {
        SocketException gone = new SocketException(name + ": its event loop has stopped ("
            + refusal.getMessage() + ")");
        outbox.close(gone);
        inbox.finishNow(gone);
    }

    @Override
    public void run() {
        Connection c = connection;
        if (c == null) {
            return;
        }
        int r = (int) REQUESTS.getAndSet(this, 0);
        if ((r & ABORT) != 0) {
            c.abort();
            inbox.dropOverflow();
            outbox.drainTo(c); // the connection is closing: this releases what was queued
            return;
        }
        if ((r & RESUME) != 0 && inbox.refill() && c.isOpen()) {
            c.resumeReading();
        }
        if ((r & (DRAIN | SHUTDOWN | CLOSE)) != 0) {
            outbox.drainTo(c);
        }
        if ((r & SHUTDOWN) != 0) {
            c.shutdownOutput();
        }
        if ((r & CLOSE) != 0) {
            inbox.dropOverflow();
            c.close();
        }
    }

    // ---- Handler ------------------------------------------------------------------------------

    @Override
    public void onOpen(Connection c) {
        connection = c;
        remote = c.remoteAddress();
        local = c.localAddress();
        credentials = c.peerCredentials().orElse(null);
        name = "connection " + local + " -> " + remote;
        loop = c.loop();
        run(); // requests made before the connection opened
        if (handler != null) {
            c.loop().virtualThreads().newThread(this::serve).start();
        }
    }

    @Override
    public void onData(Connection c, Buf data) {
        if (inbox.offer(data)) {
            c.pauseReading();
        }
        outbox.offerSpare(c);
    }

    @Override
    public void onWritable(Connection c) {
        outbox.onWritable();
    }

    @Override
    public void onInputClosed(Connection c) {
        inbox.finish(null); // the reader sees end of stream; writing goes on until the socket closes
    }

    @Override
    public void onClose(Connection c, Throwable cause) {
        outbox.fail(cause == null ? new SocketException(name + " is closed")
            : new IOException(name + " broke: " + cause.getMessage(), cause));
        inbox.finish(cause);
        if (!socket.isOpen()) {
            inbox.dropOverflow();
        }
    }

    /** The connection's virtual thread: runs the handler, then closes the socket. */
    private void serve() {
        try {
            handler.serve(socket);
        } catch (IOException e) {
            // the connection ended under the handler (reset, timeout, closed): a normal way to end
        } catch (Throwable t) {
            EventLoop l = loop;
            try {
                l.execute(() -> l.reportError(t));
            } catch (RejectedExecutionException stopped) {
                t.addSuppressed(stopped);
                t.printStackTrace();
            }
        } finally {
            socket.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
