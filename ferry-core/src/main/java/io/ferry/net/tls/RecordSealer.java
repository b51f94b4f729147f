package io.ferry.net.tls;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.net.Connection;
import java.util.ArrayDeque;
import javax.net.ssl.SSLException;

/**
 * The sending half of a TLS session: seals plaintext into records in pooled buffers and hands them to the
 * connection underneath. Small writes are first gathered into one plaintext buffer, so a burst of small
 * responses becomes one record, not one per write; a large write is sealed straight from the caller's buffer.
 * Records pile up in one ciphertext buffer and go out as slices of it, one gathered write per flush.
 *
 * <p>Threads: the connection's loop.
 */
final class RecordSealer {
    /** Writes up to this size are gathered before sealing; larger ones are sealed in place. */
    private static final int SMALL_WRITE = 4096;
    /** The most plaintext one record carries. */
    private static final int MAX_PLAINTEXT = 16_384;
    private final RecordEngine engine;
    private final Connection raw;
    private final BufferPool pool;
    private Buf staging;
    private Buf out;
    private ArrayDeque<Buf> early;
    private boolean handed;

    RecordSealer(RecordEngine engine, Connection raw, BufferPool pool) {
        this.engine = engine;
        this.raw = raw;
        this.pool = pool;
    }

    /** Takes {@code buf} (its reference too); before the handshake ends it waits unsealed. */
    void write(Buf buf, boolean handshakeDone) throws SSLException {
        if (!handshakeDone) {
            if (early == null) {
                early = new ArrayDeque<>();
            }
            early.add(buf);
            return;
        }
        try {
            int n = buf.readableBytes();
            if (n > SMALL_WRITE) {
                sealStaging();
                seal(buf);
                return;
            }
            if (staging != null && staging.writableBytes() < n) {
                sealStaging();
            }
            if (n > 0) {
                if (staging == null) {
                    staging = pool.acquire(MAX_PLAINTEXT);
                }
                staging.writeBytes(buf);
            }
        } finally {
            buf.release();
        }
    }

    /** The handshake finished: what was written before it now takes its place in line. */
    void handshakeDone() throws SSLException {
        if (early != null) {
            for (Buf b; (b = early.poll()) != null; ) {
                write(b, true);
            }
            early = null;
        }
    }

    /** Seals everything written so far, then sends every sealed record (after the handshake only). */
    void flush() throws SSLException {
        sealStaging();
        sendSealed();
    }

    /**
     * Wraps once with no plaintext: what the engine has to send on its own (handshake, alert, close_notify,
     * key update).
     *
     * @return the packed {@link RecordEngine} result
     */
    long sealOwn() throws SSLException {
        return wrap(null);
    }

    /** Hands the records sealed so far to the connection and flushes it. */
    void sendSealed() {
        if (out != null) {
            handOut();
        }
        if (handed) {
            handed = false;
            raw.flush();
        }
    }

    /** {@return plaintext and records held here, not yet handed to the connection} */
    long heldBytes() {
        long n = staging == null ? 0 : staging.readableBytes();
        n += out == null ? 0 : out.readableBytes();
        if (early != null) {
            for (Buf b : early) {
                n += b.readableBytes();
            }
        }
        return n;
    }

    /** Gives every buffer back: the connection closed. */
    void release() {
        if (staging != null) {
            staging.release();
            staging = null;
        }
        if (out != null) {
            out.release();
            out = null;
        }
        if (early != null) {
            for (Buf b; (b = early.poll()) != null; ) {
                b.release();
            }
        }
    }

    private void sealStaging() throws SSLException {
        if (staging != null) {
            seal(staging);
            staging.release();
            staging = null;
        }
    }

    private void seal(Buf src) throws SSLException {
        while (src.isReadable()) {
            if (RecordEngine.status(wrap(src)) == RecordEngine.STATUS_CLOSED) {
                return; // the output side is closed: nothing more goes out
            }
        }
    }

    private long wrap(Buf src) throws SSLException {
        int room = engine.packetBufferSize();
        if (out != null && out.writableBytes() < room) {
            handOut();
        }
        if (out == null) {
            out = pool.acquire(room);
        }
        return engine.wrap(src, out);
    }

    /** Passes the full ciphertext buffer on without flushing; a fresh one takes the next records. */
    private void handOut() {
        if (out.isReadable()) {
            raw.write(out.readSlice(out.readableBytes()));
            handed = true;
        }
        out.release();
        out = null;
    }
}
