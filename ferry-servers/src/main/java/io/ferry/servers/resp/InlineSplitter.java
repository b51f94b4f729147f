package io.ferry.servers.resp;

import io.ferry.buffer.Buf;

/**
 * Splits an inline command line into arguments the way Redis's {@code sdssplitargs} does: blanks
 * separate arguments; {@code "..."} understands {@code \n \r \t \b \a \\xHH} and other
 * backslash-escaped bytes; {@code '...'} understands {@code \'}; a closing quote must be followed by
 * a blank or the end of the line. Unescaping happens in place (the result is never longer than the
 * source), so nothing is allocated.
 *
 * <p>Threads: one connection's loop thread; stateless apart from the buffer it is given.
 */
final class InlineSplitter {
    private Buf buf;
    private int read;
    private int write;
    private int end;

    /**
     * Splits {@code [start, end)} of {@code buf} into {@code req} (offsets relative to {@code start}).
     *
     * @return false on unbalanced quotes
     */
    boolean split(Buf buf, int start, int end, Request req) {
        this.buf = buf;
        this.read = start;
        this.write = start;
        this.end = end;
        try {
            while (true) {
                while (read < end && isSpace(buf.getByte(read))) {
                    read++;
                }
                if (read == end) {
                    return true;
                }
                int argStart = write;
                if (!token()) {
                    return false;
                }
                req.add(argStart - start, write - argStart);
            }
        } finally {
            this.buf = null;
        }
    }

    /** Copies one argument down to {@code write}, unescaping; false on unbalanced quotes. */
    private boolean token() {
        while (read < end) {
            byte b = buf.getByte(read);
            if (b == '"') {
                read++;
                if (!doubleQuoted()) {
                    return false;
                }
            } else if (b == '\'') {
                read++;
                if (!singleQuoted()) {
                    return false;
                }
            } else if (isSpace(b)) {
                return true;
            } else {
                put(b);
                read++;
            }
        }
        return true;
    }

    private boolean doubleQuoted() {
        while (read < end) {
            byte b = buf.getByte(read);
            if (b == '\\' && read + 3 < end && buf.getByte(read + 1) == 'x'
                && hex(buf.getByte(read + 2)) >= 0 && hex(buf.getByte(read + 3)) >= 0) {
                put(hex(buf.getByte(read + 2)) * 16 + hex(buf.getByte(read + 3)));
                read += 4;
            } else if (b == '\\' && read + 1 < end) {
                byte c = buf.getByte(read + 1);
                put(switch (c) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'a' -> 7;
                    default -> c;
                });
                read += 2;
            } else if (b == '"') {
                return closeQuote();
            } else {
                put(b);
                read++;
            }
        }
        return false;
    }

    private boolean singleQuoted() {
        while (read < end) {
            byte b = buf.getByte(read);
            if (b == '\\' && read + 1 < end && buf.getByte(read + 1) == '\'') {
                put('\'');
                read += 2;
            } else if (b == '\'') {
                return closeQuote();
            } else {
                put(b);
                read++;
            }
        }
        return false;
    }

    /** After a closing quote: the argument ends, and a blank or the end of line must follow. */
    private boolean closeQuote() {
        read++;
        return read == end || isSpace(buf.getByte(read));
    }

    private void put(int b) {
        buf.setByte(write++, b);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = b | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
