package io.ferry.buffer;

/**
 * Packs outgoing messages into pooled buffers, ready for one gathered write.
 *
 * <p>A message never straddles two buffers: when the next one does not fit in what is left, it
 * starts a fresh buffer (fixed-size, jumbo, or dedicated for one larger than a jumbo buffer).
 * {@link #drain} hands every filled part over as a {@link Buf}: whole retired buffers, and a slice of
 * the current one, which stays here to take the next messages. Many small responses thus share one
 * pooled buffer, and each drain costs one view, not a copy.
 *
 * <p>Typical use: {@code Buf out = writer.reserve(max); out.writeAscii(...); ...; writer.drain(queue)}.
 *
 * <p>Threads: the pool's owner thread only. {@link #close()} releases what was not drained.
 */
public final class BufWriter implements AutoCloseable {
    private final BufferPool pool;
    private static final Buf[] NONE = new Buf[0];
    private Buf[] retired = NONE; // made when a buffer first fills up: most writers never need it
    private int retiredCount;
    private Buf current;
    private int drainedTo;

    /**
     * A writer that takes its buffers from {@code pool}.
     *
     * @param pool the pool, used on its owner thread only
     */
    public BufWriter(BufferPool pool) {
        this.pool = pool;
    }

    /**
     * The buffer to write the next message into, with at least {@code maxBytes} writable. Write with
     * its relative {@code write*} methods; everything up to its write index belongs to the messages.
     *
     * @param maxBytes the most bytes the next message may take
     * @return the current buffer, still owned by this writer: do not release it
     * @throws PoolExhaustedException when a fresh buffer is needed and its size class is at its cap
     */
    public Buf reserve(int maxBytes) {
        Buf c = current;
        if (c != null && c.writableBytes() >= maxBytes) {
            return c;
        }
        if (c != null) {
            retireCurrent();
        }
        current = pool.acquire(maxBytes);
        drainedTo = 0;
        return current;
    }

    private void retireCurrent() {
        Buf c = current;
        current = null;
        if (c.writeIndex() == drainedTo) {
            c.release();
            return;
        }
        c.readIndex(drainedTo);
        if (retiredCount == retired.length) {
            retired = java.util.Arrays.copyOf(retired, Math.max(4, retiredCount * 2));
        }
        retired[retiredCount++] = c;
    }

    /**
     * Appends one message.
     *
     * @param message the bytes, copied
     */
    public void write(byte[] message) {
        write(message, 0, message.length);
    }

    /**
     * Appends {@code message[offset..offset+length)} as one message.
     *
     * @param message the source array, copied
     * @param offset the first byte of the message
     * @param length the message's length
     */
    public void write(byte[] message, int offset, int length) {
        reserve(length).writeBytes(message, offset, length);
    }

    /**
     * Appends the readable bytes of {@code message} (a copy; the caller keeps its reference).
     *
     * @param message the message; its read index moves to its write index
     */
    public void write(Buf message) {
        reserve(message.readableBytes()).writeBytes(message);
    }

    /**
     * Appends {@code text}, which must be ASCII (see {@link Buf#writeAscii}).
     *
     * @param text the message
     */
    public void writeAscii(CharSequence text) {
        reserve(text.length()).writeAscii(text);
    }

    /**
     * Appends {@code text} encoded as UTF-8 (see {@link Buf#writeUtf8}).
     *
     * @param text the message
     */
    public void writeUtf8(CharSequence text) {
        reserve(Buf.utf8Length(text)).writeUtf8(text);
    }

    /** {@return the bytes appended and not yet drained} */
    public long pendingBytes() {
        long n = current == null ? 0 : current.writeIndex() - drainedTo;
        for (int i = 0; i < retiredCount; i++) {
            n += retired[i].readableBytes();
        }
        return n;
    }

    /**
     * Hands every appended byte to {@code sink}, in order, as buffers whose readable bytes are the
     * messages. The sink owns each buffer it receives.
     *
     * @param sink where the buffers go, such as a connection's write queue
     * @return how many buffers were handed over
     */
    public int drain(BufSink sink) {
        int n = retiredCount;
        for (int i = 0; i < retiredCount; i++) {
            Buf b = retired[i];
            retired[i] = null;
            sink.accept(b);
        }
        retiredCount = 0;
        Buf c = current;
        if (c != null && c.writeIndex() > drainedTo) {
            Buf part = c.slice(drainedTo, c.writeIndex() - drainedTo);
            drainedTo = c.writeIndex();
            if (c.writableBytes() == 0) {
                current = null;
                c.release();
            }
            sink.accept(part);
            n++;
        }
        return n;
    }

    /** Releases everything not drained, and the current buffer. */
    @Override
    public void close() {
        for (int i = 0; i < retiredCount; i++) {
            retired[i].release();
            retired[i] = null;
        }
        retiredCount = 0;
        if (current != null) {
            current.release();
            current = null;
        }
    }
}
