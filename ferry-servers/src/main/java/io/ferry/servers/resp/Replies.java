package io.ferry.servers.resp;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes RESP2 replies into a connection's {@link BufWriter}, each as one message (never split across
 * buffers). Fixed replies are pre-encoded; nothing here allocates except error texts.
 *
 * <p>Threads: the connection's loop thread.
 */
final class Replies {
    static final byte[] OK = ascii("+OK\r\n");
    static final byte[] PONG = ascii("+PONG\r\n");
    static final byte[] NULL = ascii("$-1\r\n");
    static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    static final byte[] ZERO = ascii(":0\r\n");
    static final byte[] ONE = ascii(":1\r\n");
    /** Room for a type byte, a 64-bit decimal and CRLF. */
    private static final int HEADER = 24;

    private Replies() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static void raw(BufWriter w, byte[] reply) {
        w.write(reply);
    }

    /** {@code :n\r\n}. */
    static void integer(BufWriter w, long n) {
        Buf b = w.reserve(HEADER);
        b.writeByte(':').writeDecimal(n).writeShort(CRLF);
    }

    /** {@code *n\r\n}. */
    static void arrayHeader(BufWriter w, long n) {
        Buf b = w.reserve(HEADER);
        b.writeByte('*').writeDecimal(n).writeShort(CRLF);
    }

    /** {@code $len\r\nbytes\r\n}, or the null bulk for null. */
    static void bulk(BufWriter w, byte[] value) {
        if (value == null) {
            w.write(NULL);
            return;
        }
        Buf b = w.reserve(value.length + HEADER + 2);
        b.writeByte('$').writeDecimal(value.length).writeShort(CRLF);
        b.writeBytes(value).writeShort(CRLF);
    }

    /** A bulk string copied from request argument {@code arg}. */
    static void bulk(BufWriter w, Request req, int arg) {
        int n = req.length(arg);
        Buf b = w.reserve(n + HEADER + 2);
        b.writeByte('$').writeDecimal(n).writeShort(CRLF);
        int at = b.writeIndex();
        b.setBytes(at, req.buf(), req.index(arg), n);
        b.writeIndex(at + n).writeShort(CRLF);
    }

    /**
     * {@code -ERR text\r\n}; CR and LF in {@code text} become spaces, as in Redis.
     *
     * @param text the message after "ERR " (or a full message starting with an upper-case code)
     */
    static void error(BufWriter w, String text) {
        String line = "-ERR " + text.replace('\r', ' ').replace('\n', ' ') + "\r\n";
        w.write(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** CR LF as one big-endian short. */
    private static final int CRLF = '\r' << 8 | '\n';
}
