package io.ferry.net.blocking;

import io.ferry.Ferry;
import io.ferry.buffer.Buf;
import io.ferry.loop.EventLoop;
import io.ferry.net.Connection;
import io.ferry.net.PeerCredentials;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ByteChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP connection used in straight-line style from a (virtual) thread: {@link #read()} parks until
 * the loop delivers the next received buffer, {@link #write(Buf)} parks only while the connection is
 * above its high write watermark. Underneath is an ordinary loop {@link Connection}; the kernel
 * fills the buffers {@code read} returns (on io_uring, from the loop's provided-buffer ring), and
 * nothing is copied unless you ask for bytes in arrays or streams.
 *
 * <pre>{@code
 * FerryServer.bind(ferry, address, socket -> {
 *     for (Buf b; (b = socket.read()) != null; ) {
 *         socket.write(b);     // ownership moves on: no copy
 *         socket.flush();
 *     }
 * });
 * }</pre>
 *
 * <p>Threads: one reader and one writer may work at the same time (two readers, or two writers, at
 * once is an {@link IllegalStateException}); {@link #close()} and the settings from any thread.
 * Parking is meant for virtual threads; platform threads work too, but each parks a whole thread.
 *
 * <p>Ownership: {@link #read()} hands the caller a {@code Buf} that the caller must release (from
 * any thread). {@link #write(Buf)} takes ownership, also when it throws. Buffers handed to the loop
 * stay pinned there until the kernel has sent them, so a write that is interrupted or times out never
 * lets a buffer be reused while the kernel may still read it.
 *
 * <p>Writes are queued until {@link #flush()} (array writes are packed into pooled buffers first);
 * {@link #close()} flushes without waiting. Timeouts: {@link #setReadTimeout} and
 * {@link #setWriteTimeout} make a parked read or write throw {@link SocketTimeoutException}, leaving
 * the socket usable. Interrupting a parked thread closes the socket (abortively, like the JDK's
 * interruptible channels) and throws {@link java.io.InterruptedIOException} with the interrupt status
 * kept.
 *
 * <p>Note: buffers released on a thread other than their loop go home through the pool's return
 * stack; that costs one atomic operation and, when the stack was empty, a loop wake-up.
 */
public final class FerrySocket implements AutoCloseable {
    private final SocketBridge bridge;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long readTimeoutNanos;
    private volatile long writeTimeoutNanos;
    private static final long LOOP_ANSWER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private volatile boolean outputShut;

    FerrySocket(SocketBridge bridge) {
        this.bridge = bridge;
    }

    /**
     * Connects to {@code remote} on one of {@code ferry}'s loops; parks until connected, without a time limit.
     *
     * @param ferry the runtime whose loop carries the connection
     * @param remote the address to connect to: an {@link java.net.InetSocketAddress} or a
     *     {@link java.net.UnixDomainSocketAddress}, as for {@link Ferry#connect(SocketAddress, io.ferry.net.Handler)}
     * @return the connected socket
     * @throws IOException a {@link ConnectException} when the connection is refused or fails, or the thread is
     *         interrupted
     */
    public static FerrySocket connect(Ferry ferry, SocketAddress remote) throws IOException {
        return connect(ferry, remote, Duration.ZERO);
    }

    /**
     * Connects to {@code remote}, parking at most {@code timeout} ({@link Duration#ZERO}: no limit).
     *
     * @param ferry the runtime whose loop carries the connection
     * @param remote the address to connect to
     * @param timeout the longest wait, or {@link Duration#ZERO}
     * @return the connected socket
     * @throws ConnectException when the connection is refused, fails, times out or the thread is interrupted
     */
    public static FerrySocket connect(Ferry ferry, SocketAddress remote, Duration timeout) throws IOException {
        return connect(ferry, remote, timeout, null);
    }

    /**
     * Connects to {@code remote} and, with {@code tls}, handshakes before returning: {@link #read()} then returns
     * plaintext and {@link #write(Buf)} takes plaintext. The handshake has its own limit,
     * {@link TlsConfig#handshakeTimeout()}.
     *
     * @param ferry the runtime whose loop carries the connection
     * @param remote the address to connect to
     * @param timeout the longest wait for the TCP connect, or {@link Duration#ZERO}
     * @param tls a client configuration, or null for plain TCP
     * @return the connected socket
     * @throws ConnectException when the connection is refused, fails, times out or the thread is interrupted, or
     *         the handshake fails (the cause is then an {@link javax.net.ssl.SSLException})
     */
    public static FerrySocket connect(Ferry ferry, SocketAddress remote, Duration timeout, TlsConfig tls)
        throws IOException {
        var o = ferry.socketOptions();
        SocketBridge bridge = new SocketBridge(o.writeLowWatermark(), o.writeHighWatermark(), null);
        CompletableFuture<? extends Connection> opened = tls == null ? ferry.connect(remote, bridge, timeout)
            : Tls.connect(ferry, remote, tls, bridge, timeout);
        try {
            if (timeout.isZero()) {
                opened.get();
            } else {
                // The loop fails the attempt at the timeout; waiting a little longer here keeps this thread's wait
                // bounded even if the loop cannot answer at all. A handshake adds its own limit.
                long handshake = tls == null ? 0 : tls.handshakeTimeout().toNanos();
                opened.get(timeout.toNanos() + handshake + LOOP_ANSWER_GRACE_NANOS, TimeUnit.NANOSECONDS);
            }
            return bridge.socket();
        } catch (TimeoutException e) {
            opened.cancel(false);
            bridge.socket().abort();
            throw connectFailed(remote, "timed out after " + timeout.toMillis() + " ms (its loop did not answer)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // Ferry.connect's message already names the address and the reason: keep it, on this thread's stack
            throw cause instanceof ConnectException c ? connectFailed(c)
                : connectFailed(remote, String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            bridge.socket().abort();
            Thread.currentThread().interrupt();
            throw connectFailed(remote, "interrupted", e);
        }
    }

    private static ConnectException connectFailed(ConnectException fromLoop) {
        ConnectException e = new ConnectException(fromLoop.getMessage());
        e.initCause(fromLoop);
        return e;
    }

    private static ConnectException connectFailed(SocketAddress remote, String why, Throwable cause) {
        ConnectException e = new ConnectException("connect to " + remote + " failed: " + why);
        e.initCause(cause);
        return e;
    }

    /**
     * The next received bytes as a buffer the caller owns, or null at end of stream (the peer shut
     * down its output, or the connection closed in an orderly way). Parks while nothing is there.
     *
     * @return the received bytes, to be released by the caller, or null at end of stream
     * @throws SocketTimeoutException after the read timeout; the socket stays usable
     * @throws SocketException        when the socket is closed, or the connection broke (the cause says how)
     * @throws IOException            a {@link java.io.InterruptedIOException} when the parked thread is
     *                                interrupted; the socket is then aborted
     */
    public Buf read() throws IOException {
        return bridge.inbox().take(deadline(readTimeoutNanos));
    }

    /**
     * Copies up to {@code len} received bytes into {@code dst}; parks while none has arrived.
     *
     * @param dst the destination array
     * @param off where the copy starts in {@code dst}
     * @param len the most bytes to copy
     * @return the bytes copied, 0 when {@code len} is 0, or -1 at end of stream
     * @throws IOException as {@link #read()} throws
     */
    public int read(byte[] dst, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        return bridge.inbox().read(dst, off, len, deadline(readTimeoutNanos));
    }

    /** {@return the bytes that can be read without parking} A lower bound. */
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, bridge.inbox().available());
    }

    /**
     * Queues {@code buf}'s readable bytes and takes ownership of it; parks while the connection is
     * above its high watermark. Sent on {@link #flush()}.
     *
     * @param buf the bytes to send; the caller's reference passes to the socket, also when this throws
     * @throws IOException a {@link SocketTimeoutException} after the write timeout (the socket stays usable),
     *         a {@link SocketException} when the socket is closed, its output was shut down or the connection
     *         broke, a {@link java.io.InterruptedIOException} when the parked thread is interrupted (the socket
     *         is then aborted)
     */
    public void write(Buf buf) throws IOException {
        if (outputShut) {
            buf.release();
            throw outputShutdown();
        }
        bridge.outbox().put(buf, deadline(writeTimeoutNanos));
    }

    /**
     * Copies {@code src[off, off+len)} into pooled buffers and queues them. Sent on {@link #flush()}.
     *
     * @param src the source array
     * @param off the first byte to send
     * @param len the number of bytes
     * @throws IOException as {@link #write(Buf)} throws
     */
    public void write(byte[] src, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, src.length);
        if (outputShut) {
            throw outputShutdown();
        }
        bridge.outbox().write(src, off, len, deadline(writeTimeoutNanos));
    }

    /**
     * A buffer of the loop's pool (its standard size) for the caller to fill with its relative
     * {@code write*} methods and then {@link #write(Buf)}, or release: the caller owns it. Responses built
     * in place this way cost no copy and no heap. Usually ready at once (the loop keeps one spare per
     * socket and leaves the next with each flush); otherwise parks for one loop round trip. Writer side.
     *
     * @return an empty pool buffer owned by the caller
     * @throws IOException as {@link #write(Buf)} throws, while it parks
     */
    public Buf buffer() throws IOException {
        return bridge.outbox().buffer(deadline(writeTimeoutNanos));
    }

    /**
     * Hands everything queued to the loop, which sends it as one gathered write. Does not wait for the send.
     *
     * @throws IOException as {@link #write(Buf)} throws, when packed array writes have to wait for room
     */
    public void flush() throws IOException {
        bridge.outbox().flush(deadline(writeTimeoutNanos));
    }

    /**
     * Flushes, then sends FIN once everything queued is sent; reading goes on. Further writes throw.
     *
     * @throws IOException as {@link #flush()} throws
     */
    public void shutdownOutput() throws IOException {
        if (outputShut) {
            return;
        }
        flush();
        outputShut = true;
        bridge.request(SocketBridge.SHUTDOWN);
    }

    /** {@return the bytes written and not yet handed to the loop} */
    public long pendingWriteBytes() {
        return bridge.outbox().pendingBytes();
    }

    /**
     * Closes the socket: what was written goes out (without waiting), then the connection closes in
     * an orderly way. A thread parked in {@code read} or {@code write} wakes with a
     * {@link SocketException}. Unread buffers are released. Idempotent; any thread.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            bridge.outbox().closeFlushing(new SocketException("write on " + bridge + ": socket closed"));
            bridge.inbox().close();
            bridge.request(SocketBridge.CLOSE);
        }
    }

    /** Closes abortively: queued bytes are dropped and the peer sees a reset. Any thread. */
    public void abort() {
        closeAbortively(new SocketException("write on " + bridge + ": socket aborted"));
    }

    /** A parked thread was interrupted: the socket closes, as the JDK's interruptible channels do. */
    void abortAfterInterrupt() {
        closeAbortively(new SocketException("write on " + bridge + ": socket closed by interrupt"));
    }

    private void closeAbortively(SocketException why) {
        if (closed.compareAndSet(false, true)) {
            bridge.outbox().close(why);
            bridge.inbox().close();
            bridge.request(SocketBridge.ABORT);
        }
    }

    /**
     * {@return true until {@link #close()} or {@link #abort()}} A connection the peer closed is still "open"
     * here.
     */
    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * Sets how long a read may park.
     *
     * @param timeout the longest park, or {@link Duration#ZERO} (the default) for no limit
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public void setReadTimeout(Duration timeout) {
        readTimeoutNanos = checkTimeout(timeout);
    }

    /**
     * Sets how long a write may park for backpressure.
     *
     * @param timeout the longest park, or {@link Duration#ZERO} (the default) for no limit
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public void setWriteTimeout(Duration timeout) {
        writeTimeoutNanos = checkTimeout(timeout);
    }

    /** {@return how long a read may park; {@link Duration#ZERO} for no limit} */
    public Duration readTimeout() {
        return Duration.ofNanos(readTimeoutNanos);
    }

    /** {@return how long a write may park; {@link Duration#ZERO} for no limit} */
    public Duration writeTimeout() {
        return Duration.ofNanos(writeTimeoutNanos);
    }

    /**
     * {@return an {@link InputStream} over this socket} Read it from one thread; closing it closes the
     * socket.
     */
    public InputStream inputStream() {
        return new SocketInputStream(this);
    }

    /**
     * {@return an {@link OutputStream} over this socket} Each {@code write} also flushes, as a JDK socket
     * stream sends at once. Closing it closes the socket.
     */
    public OutputStream outputStream() {
        return new SocketOutputStream(this);
    }

    /** {@return a blocking {@link ByteChannel} over this socket, for libraries written against channels} */
    public ByteChannel channel() {
        return new SocketByteChannel(this);
    }

    /** {@return the loop the connection lives on} Open files on it with {@code AsyncFile.open}, for instance. */
    public EventLoop loop() {
        return bridge.loop();
    }

    /**
     * {@return the peer's address, as the connection reported it when it opened} See
     * {@link Connection#remoteAddress()} for its kinds.
     */
    public SocketAddress remoteAddress() {
        return bridge.remoteAddress();
    }

    /** {@return this end's address, as the connection reported it when it opened} */
    public SocketAddress localAddress() {
        return bridge.localAddress();
    }

    /** {@return who is at the other end of a Unix domain socket; empty over TCP} See {@link PeerCredentials}. */
    public Optional<PeerCredentials> peerCredentials() {
        return Optional.ofNullable(bridge.peerCredentials());
    }

    private static long checkTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        return timeout.toNanos();
    }

    private static long deadline(long timeoutNanos) {
        if (timeoutNanos == 0) {
            return 0;
        }
        long d = System.nanoTime() + timeoutNanos;
        return d == 0 ? 1 : d;
    }

    private SocketException outputShutdown() {
        return new SocketException("write on " + bridge + ": output was shut down");
    }

    @Override
    public String toString() {
        return "FerrySocket[" + bridge + "]";
    }
}
