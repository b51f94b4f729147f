package io.ferry.connection;

import io.ferry.diagnostics.ConnectionClosedEvent;
import io.ferry.diagnostics.ConnectionOpenedEvent;
import io.ferry.spi.OutboundQueue;
import io.ferry.spi.SocketIo;
import io.ferry.diagnostics.Checks;
import io.ferry.buffer.Buf;
import io.ferry.buffer.BufWriter;
import io.ferry.loop.EventLoop;
import io.ferry.spi.LoopContext;
import io.ferry.spi.SocketEvents;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import io.ferry.net.PeerCredentials;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * The backend-independent part of a connection: handler dispatch, the outbound queue, write
 * watermarks and the close state machine. Each backend supplies a {@link SocketIo} and reports to
 * this class through the {@code on*} methods (loop thread only; not for users).
 *
 * <pre>
 *   OPEN --close()--> CLOSING (flush queued bytes) --SocketIo.close--> IO_CLOSING --onClosed()--> CLOSED
 *   OPEN / CLOSING --abort() / onFailure()--> IO_CLOSING (queue dropped, SocketIo.close) --onClosed()--> CLOSED
 * </pre>
 *
 * <p>Every idle connection holds one of these (issue 17): the state is a byte, so the object is 56 bytes.
 */
public final class SocketConnection implements Connection, SocketEvents {
    private static final int OPEN = 0;
    /** Closing, flushing what is queued; {@link SocketIo#close} not called yet. */
    private static final int CLOSING = 1;
    /** {@link SocketIo#close} called: waiting for {@link #onClosed()}. */
    private static final int IO_CLOSING = 2;
    private static final int CLOSED = 3;

    private final LoopContext loop;
    private final SocketIo io;
    private final SocketOptions options;
    private final OutboundQueue out = new OutboundQueue();
    private Handler handler;
    private BufWriter writer;
    private byte state = OPEN;
    private boolean writable = true;
    private boolean readPaused;
    private boolean shutdownOutputPending;
    private Throwable cause;
    private Object attachment;
    private ConnectionTimeouts timeouts;
    /** Reads that came while paused; made at the first: most connections never hold any. */
    private HeldReads held;

    private SocketConnection(LoopContext loop, SocketIo io, SocketOptions options) {
        this.loop = loop;
        this.io = io;
        this.options = options;
    }

    /**
     * Wraps a freshly accepted or connected socket: creates its handler, calls {@code onOpen} and
     * starts reading. Loop thread.
     *
     * @return the connection, which the backend must report events to
     */
    public static SocketConnection open(LoopContext loop, SocketIo io, SocketOptions options, HandlerFactory factory) {
        SocketConnection c = new SocketConnection(loop, io, options);
        io.bind(c);
        loop.track(c);
        loop.counters().connectionOpened();
        if (ConnectionOpenedEvent.enabled()) {
            ConnectionOpenedEvent.emit(io.remoteAddress(), io.localAddress());
        }
        try {
            c.handler = factory.newHandler(c);
            c.handler.onOpen(c);
        } catch (Throwable t) {
            c.fail(t);
            return c;
        }
        if (c.state != CLOSED) { // a handler that closed in onOpen still needs a peer that takes the last bytes
            c.timeouts = ConnectionTimeouts.start(c, options);
            if (c.readPaused && c.timeouts != null) {
                c.timeouts.readPaused(true);
            }
        }
        if (c.state == OPEN && !c.readPaused) {
            io.resumeReading();
        }
        return c;
    }

    // ---- events from the backend ------------------------------------------------------------

    @Override
    public void onRead(Buf data) {
        loop.counters().received(data.readableBytes());
        if (timeouts != null) {
            timeouts.received();
        }
        if (state != OPEN) {
            data.release();
            return;
        }
        if (readPaused || held != null && held.hasBytes()) { // behind the held bytes, in order
            if (held == null) {
                held = new HeldReads(this::deliverHeld);
            }
            held.add(data);
            return;
        }
        deliver(data);
    }

    private void deliver(Buf data) {
        try {
            handler.onData(this, data);
        } catch (Throwable t) {
            fail(t);
        }
    }

    @Override
    public void onWritten(long bytes) {
        loop.counters().sent(bytes);
        if (timeouts != null) {
            timeouts.sent();
        }
        out.consume(bytes);
        if (!writable && out.pendingBytes() <= options.writeLowWatermark()) {
            writable = true;
            if (state == OPEN) {
                try {
                    handler.onWritable(this);
                } catch (Throwable t) {
                    fail(t);
                    return;
                }
            }
        }
        if (out.isEmpty()) {
            afterDrained();
        }
    }

    @Override
    public void onInputClosed() {
        if (state != OPEN) {
            return;
        }
        if (held != null && held.hasBytes()) {
            held.inputClosed = true; // after the held bytes, on resume
            return;
        }
        try {
            handler.onInputClosed(this);
        } catch (Throwable t) {
            fail(t);
        }
    }

    @Override
    public void onFailure(IOException error) {
        if (cause == null) {
            cause = brokenBy(error);
        }
        closeIo(false);
    }

    /**
     * What the handler sees when the socket broke: the same {@link SocketException} on every backend,
     * naming the peer, with the backend's own exception (an errno from the Linux backends, java.nio's
     * message) as its cause and in its message.
     */
    private SocketException brokenBy(IOException error) {
        String who = Peers.describe(io.remoteAddress());
        SocketException e = new SocketException("connection with " + who + " broke: " + error.getMessage());
        e.initCause(error);
        return e;
    }

    @Override
    public void onClosed() {
        if (state == CLOSED) {
            return;
        }
        state = CLOSED;
        if (timeouts != null) {
            timeouts.cancel();
        }
        loop.counters().connectionClosed();
        if (ConnectionClosedEvent.enabled()) {
            ConnectionClosedEvent.emit(io.remoteAddress(), cause);
        }
        out.releaseAll();
        if (held != null) {
            held.releaseAll();
        }
        if (writer != null) {
            writer.close();
        }
        loop.untrack(this);
        if (handler != null) {
            try {
                handler.onClose(this, cause);
            } catch (Throwable t) {
                loop.reportError(t);
            }
        }
    }

    @Override
    public OutboundQueue outbound() {
        return out;
    }

    /** True once a close was asked for: the backend may stop reading. */
    public boolean isClosing() {
        return state != OPEN;
    }

    // ---- user API ---------------------------------------------------------------------------

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public void write(Buf buf) {
        checkThread();
        if (state != OPEN) {
            buf.release();
            return;
        }
        if (writer != null && writer.pendingBytes() > 0) {
            writer.drain(out::add);
        }
        out.add(buf);
        updateWritability();
    }

    @Override
    public BufWriter writer() {
        checkThread();
        if (writer == null) {
            writer = new BufWriter(loop.pool());
        }
        return writer;
    }

    @Override
    public void flush() {
        checkThread();
        if (state >= IO_CLOSING) {
            return;
        }
        if (writer != null && writer.pendingBytes() > 0) {
            writer.drain(out::add);
            updateWritability();
        }
        if (!out.isEmpty()) {
            io.flush();
        } else {
            afterDrained();
        }
    }

    private void updateWritability() {
        if (writable && out.pendingBytes() > options.writeHighWatermark()) {
            writable = false;
        }
    }

    /** Everything queued was sent: give back idle buffers, finish a pending shutdown or close. */
    private void afterDrained() {
        if (writer != null && writer.pendingBytes() == 0) {
            writer.close();
        }
        if (shutdownOutputPending) {
            shutdownOutputPending = false;
            io.shutdownOutput();
        }
        if (state == CLOSING) {
            closeIo(false);
        }
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public long pendingWriteBytes() {
        return out.pendingBytes() + (writer == null ? 0 : writer.pendingBytes());
    }

    @Override
    public void pauseReading() {
        checkThread();
        if (!readPaused) {
            readPaused = true;
            if (timeouts != null) {
                timeouts.readPaused(true);
            }
            io.pauseReading();
        }
    }

    @Override
    public void resumeReading() {
        checkThread();
        if (!readPaused) {
            return;
        }
        readPaused = false;
        if (timeouts != null) {
            timeouts.readPaused(false);
        }
        if (held != null && (held.hasBytes() || held.inputClosed)) {
            // Not from inside this call: the handler that resumes may be in the middle of its own onData,
            // and bytes delivered into it now would overtake the ones it has not parsed yet.
            if (!held.scheduled) {
                held.scheduled = true;
                loop.execute(held.deliver);
            }
            return;
        }
        io.resumeReading();
    }

    /** The loop task {@link #resumeReading()} leaves: held bytes (and a held FIN) first, then the socket. */
    private void deliverHeld() {
        while (held.hasBytes() && !readPaused && state == OPEN) {
            deliver(held.poll());
        }
        held.scheduled = false;
        if (readPaused || state != OPEN) {
            return;
        }
        if (held.inputClosed) {
            held.inputClosed = false;
            onInputClosed();
        } else {
            io.resumeReading();
        }
    }

    @Override
    public void shutdownOutput() {
        checkThread();
        if (state != OPEN) {
            return;
        }
        shutdownOutputPending = true;
        flush();
    }

    @Override
    public void close() {
        checkThread();
        if (state != OPEN) {
            return;
        }
        state = CLOSING;
        flush();
    }

    @Override
    public void abort() {
        checkThread();
        if (state == CLOSED) {
            return;
        }
        closeIo(true); // queued buffers stay pinned until onClosed: a send may still be in flight
    }

    /** A timeout expired ({@link ConnectionTimeouts}): the handler hears it; the close it leads to has it as cause. */
    void timedOut(SocketTimeoutException timeout) {
        if (state == CLOSED) {
            return;
        }
        if (cause == null) {
            cause = timeout;
        }
        if (state != OPEN) {
            return; // already closing: ConnectionTimeouts aborts it a timeout later
        }
        try {
            handler.onTimeout(this, timeout);
        } catch (Throwable t) {
            fail(t);
            return;
        }
        if (state == OPEN) {
            cause = null; // kept open by the handler: not how it ends, if it ends in order later
        }
    }

    /** A timed-out connection still closing one timeout later: its peer does not take the last bytes. */
    void abortAfterTimeout() {
        if (state != CLOSED) {
            closeIo(true);
        }
    }

    /** {@return true once onClose ran} */
    boolean isClosed() {
        return state == CLOSED;
    }

    /** A handler callback threw: report it, then abort the connection. */
    private void fail(Throwable t) {
        loop.reportError(t);
        if (cause == null) {
            cause = t;
        }
        if (state != CLOSED) {
            closeIo(true);
        }
    }

    private void closeIo(boolean reset) {
        shutdownOutputPending = false; // a socket being closed (or reset) gets no FIN from a send finishing late
        if (state < IO_CLOSING) {
            state = IO_CLOSING;
            io.close(reset);
        }
    }

    @Override
    public boolean isOpen() {
        return state == OPEN;
    }

    @Override
    public SocketAddress remoteAddress() {
        return io.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return io.localAddress();
    }

    @Override
    public Optional<PeerCredentials> peerCredentials() {
        return Optional.ofNullable(io.peerCredentials());
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    /** Always on, not behind {@link Checks#ENABLED}: a thread comparison costs next to nothing, a race a lot. */
    private void checkThread() {
        if (!loop.inLoop()) {
            throw new IllegalStateException("Connection used from " + Thread.currentThread().getName()
                + "; only its loop thread " + loop.name() + " may call it (use loop().execute)");
        }
    }

    @Override
    public String toString() {
        return "Connection[" + remoteAddress() + " on " + loop.name() + "]";
    }
}
