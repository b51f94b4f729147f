package io.ferry.servers.http;

import io.ferry.buffer.Buf;

/**
 * Reads a request body framed by Content-Length or by chunked transfer coding (RFC 9112 section 7.1),
 * byte-incrementally: any split of the input gives the same pieces of body, so nothing needs to be
 * kept between reads but this object's few fields. Chunk extensions and trailers are read and dropped.
 *
 * <p>Errors: a malformed chunk size line (a size past 63 bits included: it is no length) or a missing CRLF is
 * 400, a body over the limit 413.
 *
 * <p>Threads: one thread at a time; reusable through {@link #startFixed}/{@link #startChunked}.
 */
public final class BodyDecoder {
    /** Receives body bytes: {@code length} bytes at {@code index} of {@code buf}, valid during the call. */
    @FunctionalInterface
    public interface Sink {
        void accept(Buf buf, int index, int length);
    }

    private static final int DONE = 0;
    private static final int FIXED = 1;
    private static final int SIZE = 2;
    private static final int EXTENSION = 3;
    private static final int SIZE_LF = 4;
    private static final int DATA = 5;
    private static final int DATA_CR = 6;
    private static final int DATA_LF = 7;
    private static final int TRAILER_START = 8;
    private static final int TRAILER = 9;
    private static final int TRAILER_LF = 10;
    private static final int FINAL_LF = 11;
    /** Past this a chunk size needs more than 63 bits after one more hex digit. */
    private static final long MAX_BEFORE_DIGIT = Long.MAX_VALUE >>> 4;
    private final long maxBodyBytes;
    private final int maxLineBytes;
    private int state = DONE;
    private long remaining;
    private long total;
    private int digits;
    private int lineBytes;

    public BodyDecoder(HttpLimits limits) {
        this.maxBodyBytes = limits.maxBodyBytes();
        this.maxLineBytes = limits.maxHeadBytes();
    }

    /** Expects {@code length} bytes of body. */
    public void startFixed(long length) {
        state = length == 0 ? DONE : FIXED;
        remaining = length;
        total = 0;
    }

    /** Expects a chunked body. */
    public void startChunked() {
        state = SIZE;
        remaining = 0;
        total = 0;
        digits = 0;
        lineBytes = 0;
    }

    /** True once the whole body (and, chunked, its trailers) has been read. */
    public boolean isDone() {
        return state == DONE;
    }

    /**
     * Consumes body bytes from {@code [from, to)}, handing data to {@code sink}; stops at the end of
     * the body, so what follows (a pipelined request) stays unread.
     *
     * @return the index after the last byte consumed, or minus the status code of an invalid body
     */
    public int decode(Buf buf, int from, int to, Sink sink) {
        int i = from;
        while (i < to && state != DONE) {
            if (state == FIXED || state == DATA) {
                int n = (int) Math.min(remaining, to - i);
                sink.accept(buf, i, n);
                total += n;
                remaining -= n;
                i += n;
                if (remaining == 0) {
                    state = state == FIXED ? DONE : DATA_CR;
                }
                continue;
            }
            int status = step(buf.getByte(i));
            if (status < 0) {
                return status;
            }
            i++;
        }
        return i;
    }

    /** Advances the chunk framing state machine by one byte; returns 0 or -status. */
    private int step(byte b) {
        switch (state) {
            case SIZE -> {
                int v = Ascii.hexValue(b);
                if (v >= 0) {
                    // A size that overflows is broken framing (400), not a long body (413); leading zeros
                    // are bounded by the line limit.
                    if (++lineBytes > maxLineBytes || remaining > MAX_BEFORE_DIGIT) {
                        return -400;
                    }
                    digits++;
                    remaining = remaining << 4 | v;
                    return 0;
                }
                if (digits == 0 || b != ';' && b != '\r') {
                    return -400;
                }
                if (remaining > maxBodyBytes - total) {
                    return -413;
                }
                state = b == ';' ? EXTENSION : SIZE_LF;
                return 0;
            }
            case EXTENSION -> {
                if (++lineBytes > maxLineBytes || b == '\n') {
                    return -400;
                }
                state = b == '\r' ? SIZE_LF : EXTENSION;
                return 0;
            }
            case SIZE_LF -> {
                return expect(b, '\n', remaining == 0 ? TRAILER_START : DATA);
            }
            case DATA_CR -> {
                return expect(b, '\r', DATA_LF);
            }
            case DATA_LF -> {
                digits = 0;
                lineBytes = 0;
                return expect(b, '\n', SIZE);
            }
            case TRAILER_START -> {
                state = b == '\r' ? FINAL_LF : TRAILER;
                return b == '\n' ? -400 : trailerByte();
            }
            case TRAILER -> {
                state = b == '\r' ? TRAILER_LF : TRAILER;
                return b == '\n' ? -400 : trailerByte();
            }
            case TRAILER_LF -> {
                return expect(b, '\n', TRAILER_START);
            }
            case FINAL_LF -> {
                return expect(b, '\n', DONE);
            }
            default -> throw new IllegalStateException("body decoder in state " + state);
        }
    }

    private int trailerByte() {
        return ++lineBytes > maxLineBytes ? -431 : 0;
    }

    private int expect(byte b, char wanted, int next) {
        if (b != wanted) {
            return -400;
        }
        state = next;
        return 0;
    }
}
