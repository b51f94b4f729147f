package io.ferry.net.tls;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufSink;
import io.ferry.buffer.BufWriter;
import io.ferry.buffer.BufferPool;
import io.ferry.loop.EventLoop;
import io.ferry.loop.Timer;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import io.ferry.net.PeerCredentials;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * One TLS connection: the {@link Handler} of the TCP connection underneath ({@code raw}) and the
 * {@link TlsConnection} the user's handler sees. Ciphertext is unwrapped straight from the received buffers
 * ({@link RecordCarry} keeps only a record split across receives) into pooled plaintext buffers, delivered as
 * one {@code onData} per receive; plaintext is sealed by {@link RecordSealer} into pooled buffers that go out in
 * one gathered write per flush.
 *
 * <p>Threads: the connection's loop, except the engine's delegated tasks, which run on a virtual thread and
 * hand the handshake back to the loop with {@link EventLoop#execute}.
 */
final class TlsSession implements TlsConnection, Handler {
    private final TlsConfig config;
    private final String peerHost;
    private final int peerPort;
    private final HandlerFactory factory;
    private final CompletableFuture<TlsConnection> handshaken;
    private final RecordCarry carry = new RecordCarry();
    private final Runnable afterTasks = this::afterTasks;
    private final Runnable afterResume = this::afterResume;
    private final BufSink plainSink = this::write;
    private RecordEngine engine;
    private Handler user;
    private Connection raw;
    private BufferPool pool;
    private RecordSealer sealer;
    private BufWriter plainWriter;
    private Buf plain;
    private Timer handshakeTimer;
    private Object attachment;
    private Throwable failure;
    private boolean handshakeDone;
    private boolean tasksRunning;
    private boolean paused;
    private boolean inputDone;
    private boolean closing;
    private boolean flushWanted;
    private boolean rawInputEnded;

    private TlsSession(TlsConfig config, String peerHost, int peerPort, HandlerFactory factory, Handler user,
                       CompletableFuture<TlsConnection> handshaken) {
        this.config = config;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.factory = factory;
        this.user = user;
        this.handshaken = handshaken;
    }

    static TlsSession server(TlsConfig config, HandlerFactory factory) {
        return new TlsSession(config, null, -1, factory, null, null);
    }

    static TlsSession client(TlsConfig config, SocketAddress remote, Handler user,
                             CompletableFuture<TlsConnection> handshaken) {
        // A Unix socket names no host: the configuration's server name is then the one checked.
        return remote instanceof InetSocketAddress inet
            ? new TlsSession(config, inet.getHostString(), inet.getPort(), null, user, handshaken)
            : new TlsSession(config, null, -1, null, user, handshaken);
    }

    // ---- Handler of the TCP connection -------------------------------------------------------

    @Override
    public void onOpen(Connection c) {
        raw = c;
        pool = c.loop().pool();
        engine = config.newEngine(peerHost, peerPort); // native state exists only between onOpen and onClose
        sealer = new RecordSealer(engine, c, pool);
        if (user == null) {
            user = factory.newHandler(this);
        }
        handshakeTimer = c.loop().schedule(this::handshakeTimedOut, config.handshakeTimeout().toNanos(),
            TimeUnit.NANOSECONDS);
        try {
            engine.beginHandshake();
            process(null);
        } catch (SSLException e) {
            fail(e);
        }
        endRound();
    }

    @Override
    public void onData(Connection c, Buf data) {
        if (inputDone || closing || failure != null) {
            data.release();
            return;
        }
        try {
            if (carry.isEmpty() || carry.topUp(data, pool)) {
                unwrapAll(data);
            }
        } catch (SSLException e) {
            fail(e);
        } finally {
            data.release();
        }
        endRound();
    }

    @Override
    public void onWritable(Connection c) {
        if (handshakeDone) {
            user.onWritable(this);
        }
    }

    @Override
    public void onInputClosed(Connection c) {
        if (inputDone || failure != null) {
            return;
        }
        if (!stopped() && !carry.isEmpty()) {
            try {
                process(carry.buf()); // whole records left from a pause come before the end
            } catch (SSLException e) {
                fail(e);
            }
            endRound();
            if (inputDone || failure != null || closing) {
                return;
            }
        }
        if (stopped()) {
            rawInputEnded = true; // what is carried or still held below (a close_notify, maybe) comes first
            return;
        }
        carry.release(); // a partial record the peer never finished
        if (!handshakeDone) {
            fail(new SSLHandshakeException(this + ": the peer closed the connection during the handshake"));
        } else {
            fail(new TlsTruncationException(this + ": the peer closed the connection without close_notify"));
        }
    }

    @Override
    public void onTimeout(Connection c, SocketTimeoutException timeout) {
        if (handshakeDone) {
            user.onTimeout(this, timeout);
        } else {
            fail(timeout); // the socket's own read or idle timeout, shorter than the handshake's
        }
    }

    @Override
    public void onClose(Connection c, Throwable cause) {
        closing = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        carry.release();
        releasePlain();
        if (sealer != null) {
            sealer.release();
        }
        if (plainWriter != null) {
            plainWriter.close();
        }
        if (engine != null) {
            engine.free();
        }
        Throwable why = cause != null ? cause : failure;
        if (handshaken != null && !handshaken.isDone()) {
            handshaken.completeExceptionally(why != null ? why
                : new SSLHandshakeException(this + " closed during the handshake"));
        }
        user.onClose(this, why);
    }

    // ---- the engine ---------------------------------------------------------------------------

    /** Unwraps the carried record first, then {@code data} in place; carries what is left of it. */
    private void unwrapAll(Buf data) throws SSLException {
        if (!carry.isEmpty()) {
            process(carry.buf());
            carry.releaseIfEmpty();
        }
        if (carry.isEmpty()) {
            process(data);
            carry.keep(data, pool);
        } else {
            carry.keep(data, pool); // only after a stop: tasks ran, or reading was paused
            process(carry.buf());
            carry.releaseIfEmpty();
        }
    }

    /**
     * Unwraps the whole records of {@code src} (null: none, only the engine's own steps) and wraps what the
     * engine wants sent, until a partial record, a pause, delegated tasks or the end of input.
     */
    private void process(Buf src) throws SSLException {
        while (!stopped()) {
            int hs = engine.handshakeStatus();
            if (hs == RecordEngine.HS_NEED_TASK) {
                startTasks();
                return;
            }
            if (hs == RecordEngine.HS_NEED_WRAP) {
                checkHandshake(RecordEngine.handshake(sealer.sealOwn()));
            } else if (!handshakeDone && hs == RecordEngine.HS_NOT_HANDSHAKING) {
                handshakeFinished();
            } else if (src == null || !src.isReadable() || !unwrap(src)) {
                return;
            }
        }
    }

    /** One record from {@code src} into the plaintext buffer; false on a partial record or close_notify. */
    private boolean unwrap(Buf src) throws SSLException {
        if (plain == null) {
            plain = pool.acquire();
        }
        long r = engine.unwrap(src, plain);
        switch (RecordEngine.status(r)) {
            case RecordEngine.STATUS_UNDERFLOW:
                return false;
            case RecordEngine.STATUS_OVERFLOW:
                growPlain();
                return true;
            case RecordEngine.STATUS_CLOSED:
                closeNotified();
                return false;
            default:
                int hs = RecordEngine.handshake(r);
                if (handshakeDone && hs != RecordEngine.HS_NOT_HANDSHAKING && "TLSv1.2".equals(engine.protocol())) {
                    throw new SSLException(this + ": renegotiation refused");
                }
                checkHandshake(hs);
                return true;
        }
    }

    private void growPlain() {
        if (plain.isReadable()) {
            deliver();
            return;
        }
        plain.release();
        plain = pool.acquire(engine.applicationBufferSize());
    }

    private void checkHandshake(int hs) {
        if (!handshakeDone && hs == RecordEngine.HS_FINISHED) {
            handshakeFinished();
        }
    }

    private boolean stopped() {
        return tasksRunning || closing || failure != null || inputDone || (paused && handshakeDone);
    }

    private void handshakeFinished() {
        handshakeDone = true;
        handshakeTimer.cancel();
        try {
            sealer.handshakeDone();
        } catch (SSLException e) {
            fail(e);
            return;
        }
        user.onOpen(this);
        if (handshaken != null) {
            handshaken.complete(this);
        }
        if (flushWanted) {
            flush();
        }
    }

    private void closeNotified() throws SSLException {
        inputDone = true;
        deliver();
        while (!closing && engine.handshakeStatus() == RecordEngine.HS_NEED_WRAP
            && RecordEngine.produced(sealer.sealOwn()) > 0) {
            // TLS 1.2 answers close_notify with its own
        }
        user.onInputClosed(this);
    }

    private void startTasks() {
        tasksRunning = true;
        raw.pauseReading();
        EventLoop loop = raw.loop();
        Thread.startVirtualThread(() -> {
            for (Runnable t; (t = engine.delegatedTask()) != null; ) {
                t.run();
            }
            try {
                loop.execute(afterTasks);
            } catch (RejectedExecutionException stopped) {
                // the loop is shutting down and closes this connection itself
            }
        });
    }

    private void afterTasks() {
        tasksRunning = false;
        if (!raw.isOpen() || closing) {
            return;
        }
        if (!paused) {
            raw.resumeReading();
        }
        afterResume();
    }

    private void afterResume() {
        if (stopped() || !raw.isOpen()) {
            return;
        }
        try {
            process(carry.buf());
            carry.releaseIfEmpty();
        } catch (SSLException e) {
            fail(e);
        }
        endRound();
        if (rawInputEnded && !stopped()) {
            onInputClosed(raw);
        }
    }

    /** Hands the plaintext of this round to the user, sends what was sealed, and gives the buffers back. */
    private void endRound() {
        deliver();
        releasePlain();
        if (sealer != null && raw.isOpen()) {
            sealer.sendSealed();
        }
    }

    private void deliver() {
        if (plain != null && plain.isReadable() && !closing) {
            Buf out = plain.readSlice(plain.readableBytes());
            user.onData(this, out);
        }
    }

    private void releasePlain() {
        if (plain != null) {
            plain.release();
            plain = null;
        }
    }

    private void handshakeTimedOut() {
        if (!handshakeDone && !closing && raw.isOpen()) {
            fail(new SSLHandshakeException(this + ": handshake not finished within "
                + config.handshakeTimeout().toMillis() + " ms"));
        }
    }

    /** Ends the connection because of {@code cause}: sends the alert the engine has, then closes. */
    private void fail(Throwable cause) {
        if (failure != null || closing) {
            return;
        }
        failure = cause;
        engine.closeOutbound();
        try {
            while (RecordEngine.produced(sealer.sealOwn()) > 0) {
                // the alert or close_notify
            }
        } catch (SSLException alreadyBroken) {
            cause.addSuppressed(alreadyBroken);
        }
        sealer.sendSealed();
        closing = true;
        raw.close();
    }

    // ---- TlsConnection ------------------------------------------------------------------------

    @Override
    public EventLoop loop() {
        return raw.loop();
    }

    @Override
    public void write(Buf buf) {
        if (closing || failure != null) {
            buf.release();
            return;
        }
        try {
            sealer.write(buf, handshakeDone);
        } catch (SSLException e) {
            fail(e);
        }
    }

    @Override
    public BufWriter writer() {
        if (plainWriter == null) {
            plainWriter = new BufWriter(pool);
        }
        return plainWriter;
    }

    @Override
    public void flush() {
        if (plainWriter != null) {
            plainWriter.drain(plainSink);
        }
        if (!handshakeDone) {
            flushWanted = true;
            return;
        }
        try {
            sealer.flush();
        } catch (SSLException e) {
            fail(e);
        }
    }

    @Override
    public boolean isWritable() {
        return raw.isWritable();
    }

    @Override
    public long pendingWriteBytes() {
        return raw.pendingWriteBytes() + (sealer == null ? 0 : sealer.heldBytes());
    }

    @Override
    public void pauseReading() {
        paused = true;
        raw.pauseReading();
    }

    @Override
    public void resumeReading() {
        if (!paused) {
            return;
        }
        paused = false;
        if (!tasksRunning) {
            raw.resumeReading();
        }
        if (!carry.isEmpty() || rawInputEnded) {
            raw.loop().execute(afterResume);
        }
    }

    @Override
    public void shutdownOutput() {
        flush();
        closeOutbound();
        raw.shutdownOutput();
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        if (handshakeDone) {
            flush();
            closeOutbound();
        }
        closing = true;
        raw.close();
    }

    private void closeOutbound() {
        if (!handshakeDone || engine.isOutboundDone()) {
            return;
        }
        engine.closeOutbound();
        try {
            while (RecordEngine.produced(sealer.sealOwn()) > 0) {
                // close_notify
            }
        } catch (SSLException e) {
            failure = e;
        }
        sealer.sendSealed();
    }

    @Override
    public void abort() {
        closing = true;
        raw.abort();
    }

    @Override
    public boolean isOpen() {
        return !closing && raw != null && raw.isOpen();
    }

    @Override
    public SocketAddress remoteAddress() {
        return raw.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return raw.localAddress();
    }

    @Override
    public Optional<PeerCredentials> peerCredentials() {
        return raw.peerCredentials();
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    @Override
    public SSLSession session() {
        return engine == null ? null : engine.session();
    }

    @Override
    public String applicationProtocol() {
        return engine == null ? null : engine.applicationProtocol();
    }

    @Override
    public String requestedServerName() {
        return engine == null ? null : engine.requestedServerName();
    }

    @Override
    public boolean isHandshakeComplete() {
        return handshakeDone;
    }

    @Override
    public String toString() {
        Connection r = raw;
        return "TLS " + (r == null ? "connection (opening)" : r.localAddress() + " -> " + r.remoteAddress());
    }
}
