package io.ferry.servers.resp;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import java.util.ArrayDeque;

/**
 * A client's received bytes that are not yet a complete command, held between reads.
 *
 * <p>Normally one buffer that the parser reads, grown by doubling (which amortises the copies) but never past
 * the query buffer limit unless the bytes themselves are. While the parser awaits a large bulk string, though,
 * doubling would copy the value again at every step and reserve up to twice what arrived, stalling the loop
 * for every other client; so from {@link #COLLECT_AFTER} awaited bytes on, what arrives is copied once into
 * pieces sized to a quarter of what is held, and joined into one buffer only when the whole bulk is there.
 * Memory follows the bytes received (never the length declared), within about a quarter.
 *
 * <p>Threads: the connection's loop thread.
 */
final class QueryBuffer {
    /** Awaited bytes beyond what is held from which arrivals are collected in pieces. */
    static final long COLLECT_AFTER = 1 << 20;
    private static final int MIN_PIECE = 1 << 20;
    private static final int MAX_PIECE = 8 << 20;
    private final BufferPool pool;
    private final long limit;
    private ArrayDeque<Buf> pieces; // made when a large bulk is first collected: most clients never send one
    /** What the parser reads; null when nothing is held. */
    private Buf held;
    /** Bytes in {@link #pieces}, which follow {@link #held}'s. */
    private long collected;
    /** Bytes from the command's start the parser needs before it can go on; 0 for any. */
    private long awaiting;

    QueryBuffer(BufferPool pool, long limit) {
        this.pool = pool;
        this.limit = limit;
    }

    boolean isEmpty() {
        return held == null;
    }

    /** {@return the bytes held} */
    long bytes() {
        return held == null ? 0 : held.readableBytes() + collected;
    }

    /** Copies {@code data}'s readable bytes after those held; the caller keeps {@code data}. */
    void add(Buf data) {
        if (collecting()) {
            collect(data);
        } else {
            held = append(held, data);
        }
    }

    /**
     * Notes how many bytes from the held command's start the parser awaits ({@link RespParser#awaiting()}), so
     * that arrivals short of it need not be parsed or joined.
     */
    void await(long bytes) {
        this.awaiting = held == null ? 0 : bytes;
    }

    /** {@return whether the parser can make progress: what it awaits has arrived} */
    boolean ready() {
        return bytes() >= awaiting;
    }

    /** {@return the held bytes as one buffer for the parser}, joining collected pieces first. */
    Buf contiguous() {
        if (hasPieces()) {
            Buf joined = pool.acquire((int) Math.min(bytes(), RespParser.MAX_COMMAND + pool.bufferSize()));
            joined.writeBytes(held);
            held.release();
            held = joined;
            while (hasPieces()) {
                Buf piece = pieces.poll();
                held.writeBytes(piece);
                piece.release();
            }
            collected = 0;
        }
        return held;
    }

    /** Frees the buffer once the parser has consumed it all (or the connection stops reading it). */
    void releaseIfConsumed(boolean dropRest) {
        if (held != null && !hasPieces() && (dropRest || !held.isReadable())) {
            release();
        }
    }

    /** Frees everything held. */
    void release() {
        if (held != null) {
            held.release();
            held = null;
        }
        while (hasPieces()) {
            pieces.poll().release();
        }
        collected = 0;
        awaiting = 0;
    }

    private boolean collecting() {
        return held != null && (hasPieces() || awaiting - bytes() > COLLECT_AFTER);
    }

    private boolean hasPieces() {
        return pieces != null && !pieces.isEmpty();
    }

    private void collect(Buf data) {
        if (pieces == null) {
            pieces = new ArrayDeque<>();
        }
        while (data.isReadable()) {
            Buf last = pieces.peekLast();
            if (last == null || last.writableBytes() == 0) {
                long size = Math.clamp(bytes() / 4, MIN_PIECE, MAX_PIECE);
                last = pool.acquire((int) size);
                pieces.add(last);
            }
            int n = Math.min(data.readableBytes(), last.writableBytes());
            last.setBytes(last.writeIndex(), data, data.readIndex(), n);
            last.writeIndex(last.writeIndex() + n);
            data.readIndex(data.readIndex() + n);
            collected += n;
        }
    }

    /**
     * {@code data}'s readable bytes appended to {@code held} (null for none): in place when they fit, else in a
     * buffer of twice the bytes, but no larger than the limit unless the bytes themselves are: input past the
     * limit is refused anyway, so growing past it would only hold memory the client never gets to use.
     * Takes ownership of {@code held}, not of {@code data}.
     */
    private Buf append(Buf into, Buf data) {
        int heldBytes = into == null ? 0 : into.readableBytes();
        int incoming = data.readableBytes();
        if (into != null && into.capacity() - heldBytes >= incoming) {
            if (into.writableBytes() < incoming) {
                into.setBytes(0, into, into.readIndex(), heldBytes);
                into.readIndex(0).writeIndex(heldBytes);
            }
            into.writeBytes(data);
            return into;
        }
        long needed = (long) heldBytes + incoming;
        long want = Math.max(Math.min(2 * needed, limit), Math.max(needed, pool.bufferSize()));
        Buf grown = pool.acquire((int) Math.min(want, RespParser.MAX_COMMAND + pool.bufferSize()));
        if (into != null) {
            grown.writeBytes(into);
            into.release();
        }
        grown.writeBytes(data);
        return grown;
    }
}
