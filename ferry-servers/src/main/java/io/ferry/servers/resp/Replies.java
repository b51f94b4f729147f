package io.ferry.servers.resp;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes RESP2 and RESP3 replies into a connection's {@link BufWriter}, each as one message (never
 * split across buffers). Fixed replies are pre-encoded; nothing here allocates except error texts.
 * Methods whose encoding differs between the protocols take {@code resp3}: a null is {@code $-1} in
 * RESP2 and {@code _} in RESP3, a map is a flat array of pairs in RESP2 and {@code %} in RESP3, a set
 * an array or {@code ~}, and a verbatim text a bulk string or {@code =} with its {@code txt:} format.
 *
 * <p>Threads: the connection's loop thread.
 */
final class Replies {
    static final byte[] OK = ascii("+OK\r\n");
    static final byte[] PONG = ascii("+PONG\r\n");
    static final byte[] NULL = ascii("$-1\r\n");
    static final byte[] NULL3 = ascii("_\r\n");
    static final byte[] QUEUED = ascii("+QUEUED\r\n");
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

    /** The null reply of the connection's protocol. */
    static void nil(BufWriter w, boolean resp3) {
        w.write(resp3 ? NULL3 : NULL);
    }

    /** A map of {@code pairs} entries: {@code %n} in RESP3, {@code *2n} in RESP2. */
    static void mapHeader(BufWriter w, long pairs, boolean resp3) {
        Buf b = w.reserve(HEADER);
        b.writeByte(resp3 ? '%' : '*').writeDecimal(resp3 ? pairs : 2 * pairs).writeShort(CRLF);
    }

    /** A set of {@code n} elements: {@code ~n} in RESP3, {@code *n} in RESP2. */
    static void setHeader(BufWriter w, long n, boolean resp3) {
        Buf b = w.reserve(HEADER);
        b.writeByte(resp3 ? '~' : '*').writeDecimal(n).writeShort(CRLF);
    }

    /** {@code +text\r\n}; {@code text} is ASCII without CR or LF. */
    static void simple(BufWriter w, String text) {
        Buf b = w.reserve(text.length() + 3);
        b.writeByte('+').writeAscii(text).writeShort(CRLF);
    }

    /** A bulk string of ASCII {@code text}. */
    static void bulk(BufWriter w, String text) {
        Buf b = w.reserve(text.length() + HEADER + 2);
        b.writeByte('$').writeDecimal(text.length()).writeShort(CRLF).writeAscii(text).writeShort(CRLF);
    }

    /** Text for people (INFO, CLIENT LIST): a bulk string in RESP2, a verbatim {@code =} string in RESP3. */
    static void verbatim(BufWriter w, String text, boolean resp3) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Buf b = w.reserve(bytes.length + HEADER + 6);
        if (resp3) {
            b.writeByte('=').writeDecimal(bytes.length + 4).writeShort(CRLF).writeAscii("txt:");
        } else {
            b.writeByte('$').writeDecimal(bytes.length).writeShort(CRLF);
        }
        b.writeBytes(bytes).writeShort(CRLF);
    }

    /** {@code $len\r\nbytes\r\n}, or the null reply of the protocol for null. */
    static void bulk(BufWriter w, byte[] value, boolean resp3) {
        if (value == null) {
            nil(w, resp3);
            return;
        }
        bulk(w, value);
    }

    /** {@code $len\r\nbytes\r\n} of {@code value[offset, offset + length)}. */
    static void bulk(BufWriter w, byte[] value, int offset, int length) {
        Buf b = w.reserve(length + HEADER + 2);
        b.writeByte('$').writeDecimal(length).writeShort(CRLF);
        b.writeBytes(value, offset, length).writeShort(CRLF);
    }

    /** {@code $len\r\nbytes\r\n} ({@code value} not null). */
    static void bulk(BufWriter w, byte[] value) {
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
        coded(w, "ERR " + text);
    }

    /** {@code -CODE text\r\n}: an error with its own code (NOAUTH, WRONGPASS, NOPROTO, EXECABORT). */
    static void coded(BufWriter w, String codeAndText) {
        String line = "-" + codeAndText.replace('\r', ' ').replace('\n', ' ') + "\r\n";
        w.write(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** CR LF as one big-endian short. */
    private static final int CRLF = '\r' << 8 | '\n';
}
