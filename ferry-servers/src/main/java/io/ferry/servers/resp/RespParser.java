package io.ferry.servers.resp;

import io.ferry.buffer.Buf;

/**
 * An incremental RESP2 request parser: arrays of bulk strings ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n})
 * and inline commands ({@code GET k\r\n}), fed whatever bytes have arrived so far.
 *
 * <p>{@link #parse} reads one command starting at a given index; when the bytes end inside it, the
 * parser remembers how far it got (relative to the command's first byte) and resumes there on the
 * next call, so the caller may move the unconsumed tail to another buffer between calls. Argument
 * positions go into a {@link Request}; nothing is copied or allocated except by inline commands with
 * quotes, which are unescaped in place.
 *
 * <p>Malformed input is reported, never thrown: {@link #FAILED} with {@link #error()} worded like
 * Redis's {@code Protocol error: ...} replies. Limits: 64 KiB for an inline command or a length line
 * (as Redis), {@code maxBulk} bytes per argument, and 2 GiB minus a margin for a whole command.
 *
 * <p>Threads: one connection's loop thread.
 */
final class RespParser {
    /** The bytes end inside the command; call again with more. */
    static final int INCOMPLETE = -1;
    /** The bytes are not RESP; see {@link #error()}. The connection must be closed. */
    static final int FAILED = -2;
    /** Redis's PROTO_INLINE_MAX_SIZE. */
    static final int INLINE_MAX = 64 * 1024;
    /** Largest command, so that offsets stay {@code int}s. */
    static final long MAX_COMMAND = Integer.MAX_VALUE - 64 * 1024;

    private static final long BAD_NUMBER = Long.MIN_VALUE;
    /** Any longer count is out of range for every length Redis accepts, and cannot overflow here. */
    private static final int MAX_DIGITS = 18;

    private final long maxBulk;
    private final int maxArgs;
    private InlineSplitter inline; // made for the first inline command: most clients send arrays
    /** Next byte to read, relative to the command start. */
    private int pos;
    /** Arguments the array declared; -1 before its header was read. */
    private int expected = -1;
    /** Length of the bulk string whose bytes are awaited; -1 while reading its header. */
    private long bulkLength = -1;
    private String error;

    /** @param maxBulk the largest bulk string accepted (Redis's proto-max-bulk-len) */
    RespParser(long maxBulk) {
        this(maxBulk, Integer.MAX_VALUE);
    }

    /**
     * @param maxBulk the largest bulk string accepted (Redis's proto-max-bulk-len)
     * @param maxArgs the most arguments one command may declare
     */
    RespParser(long maxBulk, int maxArgs) {
        this.maxBulk = maxBulk;
        this.maxArgs = maxArgs;
    }

    /**
     * Parses the command that starts at {@code start}, reading no further than {@code end}.
     *
     * @return the command's length in bytes when complete ({@code req} then holds its arguments, none
     *     for an empty line or an empty array, which are skipped), {@link #INCOMPLETE} or
     *     {@link #FAILED}
     */
    int parse(Buf buf, int start, int end, Request req) {
        if (pos == 0 && expected < 0) {
            req.reset();
            if (start == end) {
                return INCOMPLETE;
            }
            if (buf.getByte(start) != '*') {
                return parseInline(buf, start, end, req);
            }
            int header = parseArrayHeader(buf, start, end);
            if (header != 0) {
                return header;
            }
            if (expected <= 0) {
                return complete();
            }
        } else if (expected < 0) {
            return parseInline(buf, start, end, req);
        }
        while (req.argc() < expected) {
            if (bulkLength < 0) {
                int header = parseBulkHeader(buf, start, end);
                if (header != 0) {
                    return header;
                }
            }
            if (end - start - pos < bulkLength + 2) {
                return INCOMPLETE;
            }
            req.add(pos, (int) bulkLength);
            pos += (int) bulkLength + 2; // like Redis, the two bytes after the data are not checked
            bulkLength = -1;
        }
        return complete();
    }

    /**
     * After {@link #INCOMPLETE} inside a bulk string: how many bytes from the command's start must have arrived
     * before parsing can go on (the bulk's data and its CRLF); 0 elsewhere. The caller may collect that many
     * without handing each read to the parser.
     */
    long awaiting() {
        return bulkLength < 0 ? 0 : pos + bulkLength + 2;
    }

    /** What was wrong, when {@link #parse} returned {@link #FAILED}: {@code Protocol error: ...}. */
    String error() {
        return error;
    }

    private int complete() {
        int length = pos;
        pos = 0;
        expected = -1;
        bulkLength = -1;
        return length;
    }

    /** Reads {@code *N\r\n}: 0 when done (expected set), else INCOMPLETE or FAILED. */
    private int parseArrayHeader(Buf buf, int start, int end) {
        int cr = buf.indexOf(start, end, (byte) '\r');
        if (cr < 0 || cr + 2 > end) {
            return cr < 0 && end - start > INLINE_MAX ? fail("too big mbulk count string") : INCOMPLETE;
        }
        long count = number(buf, start + 1, cr);
        if (count == BAD_NUMBER || count > maxArgs) {
            return fail("invalid multibulk length");
        }
        pos = cr + 2 - start;
        expected = (int) Math.max(count, 0);
        return 0;
    }

    /** Reads {@code $N\r\n} at {@code pos}: 0 when done (bulkLength set), else INCOMPLETE or FAILED. */
    private int parseBulkHeader(Buf buf, int start, int end) {
        int at = start + pos;
        int cr = at < end ? buf.indexOf(at, end, (byte) '\r') : -1;
        if (cr < 0 || cr + 2 > end) {
            return cr < 0 && end - at > INLINE_MAX ? fail("too big bulk count string") : INCOMPLETE;
        }
        byte type = buf.getByte(at);
        if (type != '$') {
            char shown = type == '\r' || type == '\n' ? ' ' : (char) (type & 0xff);
            return fail("expected '$', got '" + shown + "'");
        }
        long length = number(buf, at + 1, cr);
        if (length == BAD_NUMBER || length < 0 || length > maxBulk) {
            return fail("invalid bulk length");
        }
        if (cr + 2 - start + length + 2 > MAX_COMMAND) {
            return fail("too big request");
        }
        pos = cr + 2 - start;
        bulkLength = length;
        return 0;
    }

    private int parseInline(Buf buf, int start, int end, Request req) {
        int newline = buf.indexOf(start + pos, end, (byte) '\n');
        if (newline < 0) {
            if (end - start > INLINE_MAX) {
                return fail("too big inline request");
            }
            pos = end - start;
            return INCOMPLETE;
        }
        int lineEnd = newline > start && buf.getByte(newline - 1) == '\r' ? newline - 1 : newline;
        pos = 0;
        if (inline == null) {
            inline = new InlineSplitter();
        }
        if (!inline.split(buf, start, lineEnd, req)) {
            return fail("unbalanced quotes in request");
        }
        return newline + 1 - start;
    }

    private int fail(String what) {
        error = "Protocol error: " + what;
        pos = 0;
        expected = -1;
        bulkLength = -1;
        return FAILED;
    }

    /** A strict decimal in {@code [from, to)}, or BAD_NUMBER (not a legal request value anyway). */
    private static long number(Buf buf, int from, int to) {
        boolean negative = to > from && buf.getByte(from) == '-';
        int first = negative ? from + 1 : from;
        int digits = to - first;
        if (digits <= 0 || digits > MAX_DIGITS) {
            return BAD_NUMBER;
        }
        if (buf.getByte(first) == '0') {
            return digits == 1 && !negative ? 0 : BAD_NUMBER;
        }
        long v = 0;
        for (int i = first; i < to; i++) {
            int d = buf.getByte(i) - '0';
            if (d < 0 || d > 9) {
                return BAD_NUMBER;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
