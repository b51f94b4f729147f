package io.ferry.servers.http;

import io.ferry.buffer.Buf;

/**
 * Writes responses into a buffer from precomputed bytes: the status line and fixed headers are
 * copied, the length written in decimal, so a response costs no allocation. The caller hands a buffer
 * with at least {@link #MAX_BYTES} writable (from {@link io.ferry.buffer.BufWriter#reserve}, say).
 *
 * <p>Every response says {@code HTTP/1.1} and carries Server, Date, Content-Type and Content-Length; the
 * {@code connection} argument adds nothing ({@link #KEEP_OPEN}: the HTTP/1.1 default),
 * {@code Connection: keep-alive} ({@link #KEEP_ALIVE}: an HTTP/1.0 client that asked for it) or
 * {@code Connection: close} ({@link #CLOSE}).
 *
 * <p>Stateless; call on the thread that owns the buffer.
 */
public final class HttpResponses {
    /** No Connection header: HTTP/1.1 keep-alive. */
    public static final int KEEP_OPEN = 0;
    /** {@code Connection: keep-alive}, for HTTP/1.0. */
    public static final int KEEP_ALIVE = 1;
    /** {@code Connection: close}. */
    public static final int CLOSE = 2;
    public static final byte[] TEXT_PLAIN = Ascii.bytes("text/plain");
    public static final byte[] OCTET_STREAM = Ascii.bytes("application/octet-stream");
    private static final byte[] HELLO = Ascii.bytes("Hello, World!");
    private static final byte[] PLAINTEXT_HEAD = Ascii.bytes("HTTP/1.1 200 OK\r\nServer: ferry\r\n"
        + "Content-Type: text/plain\r\nContent-Length: " + HELLO.length + "\r\nDate: ");
    private static final byte[] SERVER_DATE = Ascii.bytes("\r\nServer: ferry\r\nDate: ");
    private static final byte[] CONTENT_TYPE = Ascii.bytes("\r\nContent-Type: ");
    private static final byte[] CONTENT_LENGTH = Ascii.bytes("\r\nContent-Length: ");
    private static final byte[] ALLOW = Ascii.bytes("\r\nAllow: ");
    private static final byte[] CRLF = Ascii.bytes("\r\n");
    private static final byte[][] CONNECTION = {
        CRLF, Ascii.bytes("\r\nConnection: keep-alive\r\n"), Ascii.bytes("\r\nConnection: close\r\n")};
    private static final byte[] CONTINUE = Ascii.bytes("HTTP/1.1 100 Continue\r\n\r\n");
    private static final int[] CODES = {200, 400, 403, 404, 405, 408, 413, 417, 431, 500, 501, 505};
    private static final String[] REASONS = {"OK", "Bad Request", "Forbidden", "Not Found", "Method Not Allowed",
        "Request Timeout", "Content Too Large", "Expectation Failed", "Request Header Fields Too Large",
        "Internal Server Error", "Not Implemented", "HTTP Version Not Supported"};
    private static final byte[][] STATUS_LINES = new byte[CODES.length][];
    private static final byte[][] REASON_BYTES = new byte[CODES.length][];
    /** Room any one head, error or plaintext response needs: more than the longest one. */
    public static final int MAX_BYTES = 512;

    static {
        for (int i = 0; i < CODES.length; i++) {
            STATUS_LINES[i] = Ascii.bytes("HTTP/1.1 " + CODES[i] + " " + REASONS[i]);
            REASON_BYTES[i] = Ascii.bytes(REASONS[i]);
        }
    }

    private HttpResponses() {
    }

    /** The whole {@code Hello, World!} response; without its body for a HEAD request. */
    public static void plaintext(Buf out, byte[] date, int connection, boolean withBody) {
        byte[] conn = CONNECTION[connection];
        out.writeBytes(PLAINTEXT_HEAD).writeBytes(date).writeBytes(conn).writeBytes(CRLF);
        if (withBody) {
            out.writeBytes(HELLO);
        }
    }

    /** A response head announcing {@code contentLength} bytes of {@code contentType}; the body follows. */
    public static void head(Buf out, int status, byte[] contentType, long contentLength, byte[] date,
                            int connection) {
        startHead(out, status, date);
        out.writeBytes(CONTENT_TYPE).writeBytes(contentType);
        out.writeBytes(CONTENT_LENGTH).writeDecimal(contentLength);
        out.writeBytes(CONNECTION[connection]).writeBytes(CRLF);
    }

    /**
     * A complete error response whose body is the reason phrase; {@code allow} (or null) is the
     * Allow header of a 405.
     */
    public static void error(Buf out, int status, String allow, byte[] date, int connection) {
        error(out, status, allow, date, connection, true);
    }

    /** {@link #error(Buf, int, String, byte[], int)}, its body left out when {@code withBody} is false (HEAD). */
    public static void error(Buf out, int status, String allow, byte[] date, int connection, boolean withBody) {
        byte[] reason = REASON_BYTES[index(status)];
        textHead(out, status, allow, reason.length, date, connection);
        if (withBody) {
            out.writeBytes(reason);
        }
    }

    /**
     * The {@code 200} answer to {@code OPTIONS *}: {@code allow} as its Allow header and no content (RFC 9110
     * section 9.3.7).
     */
    public static void options(Buf out, String allow, byte[] date, int connection) {
        textHead(out, 200, allow, 0, date, connection);
    }

    private static void textHead(Buf out, int status, String allow, int length, byte[] date, int connection) {
        startHead(out, status, date);
        if (allow != null) {
            out.writeBytes(ALLOW).writeAscii(allow);
        }
        out.writeBytes(CONTENT_TYPE).writeBytes(TEXT_PLAIN);
        out.writeBytes(CONTENT_LENGTH).writeDecimal(length);
        out.writeBytes(CONNECTION[connection]).writeBytes(CRLF);
    }

    /** The interim {@code 100 Continue} answer to {@code Expect: 100-continue}. */
    public static void continue100(Buf out) {
        out.writeBytes(CONTINUE);
    }

    private static void startHead(Buf out, int status, byte[] date) {
        out.writeBytes(STATUS_LINES[index(status)]).writeBytes(SERVER_DATE).writeBytes(date);
    }

    private static int index(int status) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i] == status) {
                return i;
            }
        }
        throw new IllegalArgumentException("no reason phrase for HTTP status " + status);
    }
}
