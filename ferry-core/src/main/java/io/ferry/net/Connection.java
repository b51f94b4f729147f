package io.ferry.net;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufWriter;
import io.ferry.loop.EventLoop;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * One TCP connection, confined to one loop for its life.
 *
 * <p>Threads: every method except {@link #loop()} must be called on {@code loop()}'s thread (from a
 * handler callback, or a task given to {@code loop().execute}). Writing, flushing, pausing, resuming,
 * shutting down, closing and aborting from any other thread fail at once, on every backend, with an
 * {@link IllegalStateException} that names the loop; hand such work over with {@code loop().execute}.
 * The getters answer from any thread, but what they say may already be stale there.
 *
 * <p>Writing: {@link #write(Buf)} and {@link #writer()} queue bytes; {@link #flush()} sends all that
 * is queued as one gathered write. Queued bytes above the high watermark make {@link #isWritable()}
 * false until they drain below the low watermark, when {@link Handler#onWritable} fires. Nothing is
 * dropped: writes keep queuing, so a producer that ignores writability grows memory.
 */
public interface Connection extends AutoCloseable {
    /** {@return the loop that owns this connection} Any thread. */
    EventLoop loop();

    /**
     * Queues {@code buf}'s readable bytes for sending and takes ownership of it: it is released once
     * the kernel has sent it, or when the connection closes. On a connection that is closing it is
     * released at once and nothing is sent.
     *
     * @param buf the bytes to send; the caller's reference passes to the connection
     */
    void write(Buf buf);

    /**
     * {@return this connection's writer} It packs messages into pooled buffers; what it holds goes out, in
     * order, on the next flush. The connection owns it: do not close it.
     */
    BufWriter writer();

    /** Sends everything queued. */
    void flush();

    /**
     * {@code write(buf)} then {@code flush()}.
     *
     * @param buf the bytes to send; the caller's reference passes to the connection
     */
    default void writeAndFlush(Buf buf) {
        write(buf);
        flush();
    }

    /**
     * {@return false while queued bytes are above the high watermark} True again once they drain below the
     * low one.
     */
    boolean isWritable();

    /** {@return the bytes queued and not yet confirmed sent by the kernel} */
    long pendingWriteBytes();

    /**
     * Stops delivering {@code onData} and stops reading from the socket until resumed. Bytes a
     * completion backend had already received are held and delivered, in order, after resume.
     */
    void pauseReading();

    /**
     * Resumes reading after {@link #pauseReading()}. Held bytes come from a later loop task, never from
     * inside this call, so a handler may resume in the middle of its own {@code onData}.
     */
    void resumeReading();

    /** Flushes, then sends FIN; reading goes on. */
    void shutdownOutput();

    /** Orderly close: flushes what is queued, then closes. {@link Handler#onClose} follows. */
    @Override
    void close();

    /** Abortive close: drops queued bytes and resets the connection (RST). */
    void abort();

    /** {@return true until close or abort begins} */
    boolean isOpen();

    /**
     * {@return the peer's address} An {@link java.net.InetSocketAddress} over TCP, a
     * {@link java.net.UnixDomainSocketAddress} over a Unix domain socket (whose path is empty when the peer did not
     * bind one, as a connecting client usually does not). May be null when first asked after the socket closed,
     * or when the operating system no longer reports it.
     */
    SocketAddress remoteAddress();

    /** {@return this end's address, of the same kind as {@link #remoteAddress()}} May be null, as that may. */
    SocketAddress localAddress();

    /**
     * {@return who is at the other end of a Unix domain socket (SO_PEERCRED), as the kernel recorded it when
     * the connection was made; empty over TCP} See {@link PeerCredentials} for what each backend reports.
     */
    Optional<PeerCredentials> peerCredentials();

    /** {@return the per-connection user state set by {@link #attach}, or null} */
    Object attachment();

    /**
     * Sets the per-connection user state, for example a protocol parser; the connection does not use it.
     *
     * @param attachment the state, or null to clear it
     */
    void attach(Object attachment);
}
