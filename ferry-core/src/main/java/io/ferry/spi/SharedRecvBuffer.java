package io.ferry.spi;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;

/**
 * Packs the reads of all of a loop's connections into shared pooled buffers (readiness backends).
 *
 * <p>Each read goes in at the current buffer's write index; the bytes read become a view of their
 * own for the handler, and the buffer moves on to the next read, whichever connection it is for.
 * A buffer with too little room left is let go (its storage lives on while handlers hold views) and
 * a fresh one taken. So an idle connection holds no receive memory at all, and memory grows with
 * unconsumed data only: the readiness counterpart of io_uring's provided-buffer ring.
 *
 * <p>Loop thread only.
 */
public final class SharedRecvBuffer implements AutoCloseable {
    /** Fewer writable bytes than this and the current buffer is retired before the next read. */
    static final int MIN_READ = 1024;
    private final BufferPool pool;
    private Buf current;

    /**
     * A receive buffer that takes its storage from {@code pool}.
     *
     * @param pool the loop's pool
     */
    public SharedRecvBuffer(BufferPool pool) {
        this.pool = pool;
    }

    /**
     * The buffer to read into at its write index, with room for {@code min(want, its writable bytes)}
     * and at least {@code min(want, 1024)} bytes. Read no more than {@link #readSize(int)} bytes.
     *
     * @param want the bytes the connection's {@link RecvSizer} asks for
     * @return the current buffer, still owned by this object: do not release it
     */
    public Buf reserve(int want) {
        Buf c = current;
        if (c == null || c.writableBytes() < Math.min(want, MIN_READ)) {
            if (c != null) {
                c.release();
            }
            c = pool.acquire(want);
            current = c;
        }
        return c;
    }

    /**
     * The buffer to put exactly {@code n} bytes into at its write index, with room for all of them: a
     * datagram, which must not be cut. Follow with {@link #commit(int) commit(n)}.
     *
     * @param n the bytes about to be written
     * @return the current buffer, still owned by this object: do not release it
     */
    public Buf reserveWhole(int n) {
        Buf c = current;
        if (c == null || c.writableBytes() < n) {
            if (c != null) {
                c.release();
            }
            c = pool.acquire(n);
            current = c;
        }
        return c;
    }

    /**
     * {@return how many bytes the next read may ask for, after {@link #reserve(int) reserve(want)}}
     *
     * @param want the same value given to {@code reserve}
     */
    public int readSize(int want) {
        return Math.min(want, current.writableBytes());
    }

    /**
     * The {@code n} bytes just read at the write index, as their own view; moves the write index past them.
     *
     * @param n the bytes the read returned
     * @return a view of those bytes, with one reference owned by the caller
     */
    public Buf commit(int n) {
        Buf c = current;
        int at = c.writeIndex();
        Buf data = c.slice(at, n);
        c.writeIndex(at + n);
        if (c.writableBytes() == 0) {
            current = null;
            c.release();
        }
        return data;
    }

    /** Lets go of the current buffer (the loop calls this before it sleeps). */
    @Override
    public void close() {
        if (current != null) {
            current.release();
            current = null;
        }
    }
}
