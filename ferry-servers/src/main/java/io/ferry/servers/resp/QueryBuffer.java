package io.ferry.servers.resp;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;

/** A client's received bytes that are not yet a complete command, held between reads. */
final class QueryBuffer {
    private QueryBuffer() {
    }

    /**
     * {@code data}'s readable bytes appended to {@code held} (null for none): in place when they fit, else in a
     * buffer of twice the bytes, but no larger than {@code limit} unless the bytes themselves are: doubling
     * amortises the copies, and input past the limit is refused anyway, so growing past it would only hold
     * memory the client never gets to use. Takes ownership of {@code held}, not of {@code data}.
     */
    static Buf append(BufferPool pool, Buf held, Buf data, long limit) {
        int heldBytes = held == null ? 0 : held.readableBytes();
        int incoming = data.readableBytes();
        if (held != null && held.capacity() - heldBytes >= incoming) {
            if (held.writableBytes() < incoming) {
                held.setBytes(0, held, held.readIndex(), heldBytes);
                held.readIndex(0).writeIndex(heldBytes);
            }
            held.writeBytes(data);
            return held;
        }
        long needed = (long) heldBytes + incoming;
        long want = Math.max(Math.min(2 * needed, limit), Math.max(needed, pool.bufferSize()));
        Buf grown = pool.acquire((int) Math.min(want, RespParser.MAX_COMMAND + pool.bufferSize()));
        if (held != null) {
            grown.writeBytes(held);
            held.release();
        }
        grown.writeBytes(data);
        return grown;
    }
}
