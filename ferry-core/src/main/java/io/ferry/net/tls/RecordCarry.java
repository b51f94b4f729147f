package io.ferry.net.tls;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;

/**
 * Ciphertext kept between receives: the start of a record split across them, or, while the session cannot
 * unwrap (delegated tasks running, reading paused), everything received meanwhile. Empty most of the time, and
 * then it holds no buffer: whole records are unwrapped straight from the received buffers, and only the bytes
 * that complete a split record are copied here.
 *
 * <p>Threads: the connection's loop.
 */
final class RecordCarry {
    /** The largest TLS record on the wire: header plus 2^14 bytes plus 2,048 of expansion (RFC 5246, 6.2.3). */
    static final int MAX_RECORD = 5 + 16_384 + 2_048;
    private static final int HEADER = 5;
    private Buf buf;

    boolean isEmpty() {
        return buf == null || !buf.isReadable();
    }

    /** {@return the carried bytes, or null} */
    Buf buf() {
        return buf;
    }

    /**
     * Moves bytes from {@code data} until the carry starts with a whole record (or a header the engine will
     * reject on its own, so it gets to say why).
     *
     * @return true when the carry holds a whole record; false when {@code data} ran out first
     */
    boolean topUp(Buf data, BufferPool pool) {
        if (buf.readableBytes() < HEADER) {
            move(data, HEADER - buf.readableBytes(), pool);
            if (buf.readableBytes() < HEADER) {
                return false;
            }
        }
        int at = buf.readIndex();
        int type = buf.getByte(at) & 0xff;
        int length = HEADER + (buf.getShort(at + 3) & 0xffff);
        if (type < 20 || type > 24 || length > MAX_RECORD) {
            return true;
        }
        if (buf.readableBytes() < length) {
            move(data, length - buf.readableBytes(), pool);
        }
        return buf.readableBytes() >= length;
    }

    /** Carries every readable byte of {@code data} (the caller still releases it). */
    void keep(Buf data, BufferPool pool) {
        move(data, data.readableBytes(), pool);
    }

    /** Releases the buffer once every carried byte is unwrapped. */
    void releaseIfEmpty() {
        if (buf != null && !buf.isReadable()) {
            release();
        }
    }

    void release() {
        if (buf != null) {
            buf.release();
            buf = null;
        }
    }

    private void move(Buf data, int most, BufferPool pool) {
        int n = Math.min(most, data.readableBytes());
        if (n == 0) {
            return;
        }
        if (buf == null) {
            buf = pool.acquire(Math.max(MAX_RECORD, n));
        } else if (buf.writableBytes() < n) {
            Buf bigger = pool.acquire(Math.max(MAX_RECORD, buf.readableBytes() + n));
            bigger.writeBytes(buf);
            buf.release();
            buf = bigger;
        }
        buf.setBytes(buf.writeIndex(), data, data.readIndex(), n);
        buf.writeIndex(buf.writeIndex() + n);
        data.skip(n);
    }
}
