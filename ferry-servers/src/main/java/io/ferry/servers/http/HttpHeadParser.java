package io.ferry.servers.http;

import io.ferry.buffer.Buf;

/**
 * Parses a request head (request line and headers, RFC 9112) out of received bytes without copying
 * or allocating: the result is a set of offsets in an {@link HttpRequest}.
 *
 * <p>Incremental: call {@link #parse} with whatever has arrived; while the blank line that ends the
 * head is missing it answers {@link #NEED_MORE}, and the caller passes how many bytes it had then as
 * {@code scanned} next time, so each byte is searched about once however the head is split.
 *
 * <p>Strict where leniency enables request smuggling: every line ends in CRLF (a bare LF is 400), no
 * whitespace before a header's colon, no obsolete line folding, Content-Length must be digits and
 * repeated ones must agree, Content-Length together with Transfer-Encoding is 400, and the only
 * transfer coding is {@code chunked} (others 501).
 *
 * <p>Request targets (RFC 9112 section 3.2): origin form ({@code /path?query}); absolute form
 * ({@code http://authority/path?query}, http or https in any case), whose authority replaces the Host header
 * (a Host header is still required on HTTP/1.1) and whose path is what gets routed; {@code *} for OPTIONS only;
 * authority form ({@code host:port}) for CONNECT only. Any other pairing is 400.
 *
 * <p>Threads: stateless apart from its limits; any thread, one call at a time per {@link HttpRequest}.
 */
public final class HttpHeadParser {
    /** {@link #parse} needs more bytes. */
    public static final int NEED_MORE = -1;
    private static final byte[] CONTENT_LENGTH = Ascii.bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = Ascii.bytes("transfer-encoding");
    private static final byte[] CONNECTION = Ascii.bytes("connection");
    private static final byte[] HOST = Ascii.bytes("host");
    private static final byte[] EXPECT = Ascii.bytes("expect");
    private static final byte[] CHUNKED = Ascii.bytes("chunked");
    private static final byte[] CLOSE = Ascii.bytes("close");
    private static final byte[] KEEP_ALIVE = Ascii.bytes("keep-alive");
    private static final byte[] CONTINUE = Ascii.bytes("100-continue");
    private static final byte[] HTTP_SLASH = Ascii.bytes("HTTP/");
    private static final byte[] HTTP_URI = Ascii.bytes("http://");
    private static final byte[] HTTPS_URI = Ascii.bytes("https://");
    private static final byte[] OPTIONS = Ascii.bytes("OPTIONS");
    private static final byte[] CONNECT = Ascii.bytes("CONNECT");
    private static final int MAX_LENGTH_DIGITS = 18;
    private static final int METHOD_SCAN = 32;
    private final int maxHeadBytes;

    public HttpHeadParser(HttpLimits limits) {
        this.maxHeadBytes = limits.maxHeadBytes();
    }

    /**
     * Looks for a complete head in {@code [from, to)} of {@code buf} and parses it into {@code out}.
     * Empty lines before the request line are skipped (RFC 9112 section 2.2) but count toward the head limit.
     *
     * @param scanned bytes from {@code from} an earlier call already searched (0 the first time)
     * @return the index just past the head's blank line; {@link #NEED_MORE}; or minus the status code
     *     of an invalid head (400, 417, 431, 501, 505)
     */
    public int parse(Buf buf, int from, int to, int scanned, HttpRequest out) {
        // The empty lines count toward the limit: the caller holds them with the head until it is complete.
        // Noise is judged only by bytes within the limit, which every read that could be too large has seen
        // whole; so the verdict (400 or 431) is the same however the bytes were split.
        int judged = (int) Math.min(to, (long) from + maxHeadBytes);
        int start = from;
        while (start < judged && buf.getByte(start) == '\r') {
            if (start + 1 == judged) {
                return to - from > maxHeadBytes ? -431 : NEED_MORE;
            }
            if (buf.getByte(start + 1) != '\n') {
                return -400;
            }
            start += 2;
        }
        if (!startsAsMethod(buf, start, judged)) {
            return -400;
        }
        int end = findEnd(buf, start, Math.max(start, from + scanned - 3), to);
        if (end < 0) {
            return to - from > maxHeadBytes ? -431 : NEED_MORE;
        }
        if (end - from > maxHeadBytes) {
            return -431;
        }
        out.reset();
        int at = requestLine(buf, start, end, out);
        if (at < 0) {
            return at;
        }
        int status = headers(buf, at, end, out);
        return status < 0 ? status : end;
    }

    /**
     * Whether {@code [start, to)} can still become a request line: a method token, then a space. Anything
     * else (a TLS ClientHello sent to the plain port, control bytes, noise) is refused as soon as it is seen
     * rather than held until the header timeout. At most {@link #METHOD_SCAN} bytes are scanned per call, so
     * a head arriving byte by byte costs linear work; a longer token is judged with the complete head.
     */
    private static boolean startsAsMethod(Buf buf, int start, int to) {
        for (int i = start; i < Math.min(to, start + METHOD_SCAN); i++) {
            byte b = buf.getByte(i);
            if (!Ascii.isTokenChar(b)) {
                return b == ' ' && i > start;
            }
        }
        return true;
    }

    /** Index just past the first CRLFCRLF in {@code [start, to)} ending at or after {@code searchFrom}, or -1. */
    private static int findEnd(Buf buf, int start, int searchFrom, int to) {
        int i = searchFrom;
        while (i < to) {
            int lf = buf.indexOf(i, to, (byte) '\n');
            if (lf < 0) {
                return -1;
            }
            if (lf - 3 >= start && buf.getByte(lf - 1) == '\r' && buf.getByte(lf - 2) == '\n'
                && buf.getByte(lf - 3) == '\r') {
                return lf + 1;
            }
            i = lf + 1;
        }
        return -1;
    }

    /** Parses {@code METHOD SP target SP HTTP/1.x CRLF}; returns the next line's start or -status. */
    private static int requestLine(Buf buf, int start, int end, HttpRequest out) {
        int eol = lineEnd(buf, start, end);
        if (eol < 0) {
            return -400;
        }
        int i = start;
        while (i < eol && Ascii.isTokenChar(buf.getByte(i))) {
            i++;
        }
        int methodEnd = i;
        if (methodEnd == start || i == eol || buf.getByte(i) != ' ') {
            return -400;
        }
        int targetStart = ++i;
        while (i < eol && isTargetChar(buf.getByte(i))) {
            i++;
        }
        int targetEnd = i;
        if (targetEnd == targetStart || i == eol || buf.getByte(i) != ' ') {
            return -400;
        }
        i++;
        if (eol - i != 8 || !Ascii.startsWith(buf, i, eol, HTTP_SLASH)) {
            return -400;
        }
        byte major = buf.getByte(i + 5);
        byte dot = buf.getByte(i + 6);
        byte minor = buf.getByte(i + 7);
        if (!isDigit(major) || dot != '.' || !isDigit(minor)) {
            return -400;
        }
        if (major != '1' || minor > '1') {
            return -505;
        }
        out.requestLine(start, methodEnd, targetStart, targetEnd, minor - '0');
        int form = targetForm(buf, start, methodEnd, targetStart, targetEnd, out);
        return form < 0 ? form : eol + 2;
    }

    /**
     * Sorts the target into its form (RFC 9112 section 3.2) and finds its path, and for absolute form its
     * authority; 0, or -400 for a form the method does not take (asterisk is for OPTIONS only, authority for
     * CONNECT only) or an http(s) URI with an empty host (RFC 9110 section 4.2.1) or userinfo (4.2.4). A
     * target that is not a path, {@code *} or an http(s) URI is taken for authority form.
     */
    private static int targetForm(Buf buf, int methodStart, int methodEnd, int from, int to, HttpRequest out) {
        byte first = buf.getByte(from);
        if (first == '/') {
            out.target(HttpRequest.TargetForm.ORIGIN, from);
            return 0;
        }
        if (first == '*' && to - from == 1) {
            out.target(HttpRequest.TargetForm.ASTERISK, to);
            return Ascii.equals(buf, methodStart, methodEnd, OPTIONS) ? 0 : -400;
        }
        int authority = Ascii.startsWithIgnoreCase(buf, from, to, HTTP_URI) ? from + HTTP_URI.length
            : Ascii.startsWithIgnoreCase(buf, from, to, HTTPS_URI) ? from + HTTPS_URI.length : -1;
        if (authority < 0) {
            out.target(HttpRequest.TargetForm.AUTHORITY, to);
            return Ascii.equals(buf, methodStart, methodEnd, CONNECT) ? 0 : -400;
        }
        int path = authority;
        for (byte b; path < to && (b = buf.getByte(path)) != '/' && b != '?'; path++) {
            if (b == '@') {
                return -400;
            }
        }
        if (path == authority) {
            return -400;
        }
        out.target(HttpRequest.TargetForm.ABSOLUTE, path);
        out.host(authority, path);
        return 0;
    }

    private static int headers(Buf buf, int at, int end, HttpRequest out) {
        int hosts = 0;
        int i = at;
        while (true) {
            int eol = lineEnd(buf, i, end);
            if (eol < 0) {
                return -400;
            }
            if (eol == i) {
                break;
            }
            int nameEnd = i;
            while (nameEnd < eol && Ascii.isTokenChar(buf.getByte(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == i || nameEnd == eol || buf.getByte(nameEnd) != ':') {
                return -400; // empty name, folding, or whitespace/garbage before the colon
            }
            int vs = nameEnd + 1;
            int ve = eol;
            while (vs < ve && isOws(buf.getByte(vs))) {
                vs++;
            }
            while (ve > vs && isOws(buf.getByte(ve - 1))) {
                ve--;
            }
            for (int k = vs; k < ve; k++) {
                byte b = buf.getByte(k);
                if (b < 0x20 && b != '\t' || b == 0x7f) {
                    return -400;
                }
            }
            if (!out.addHeader(i, nameEnd, vs, ve)) {
                return -431;
            }
            int status = framing(buf, i, nameEnd, vs, ve, out);
            if (status < 0) {
                return status;
            }
            hosts += status;
            i = eol + 2;
        }
        if (out.isChunked() && out.contentLength() != HttpRequest.NO_CONTENT_LENGTH
            || out.isChunked() && out.minorVersion() == 0
            || out.minorVersion() == 1 && hosts != 1
            || hosts > 1) {
            return -400;
        }
        return 0;
    }

    /** Decodes a header that affects framing; returns 1 for Host, 0 for others, or -status. */
    private static int framing(Buf buf, int ns, int ne, int vs, int ve, HttpRequest out) {
        switch (ne - ns) {
            case 4 -> {
                if (!Ascii.equalsIgnoreCase(buf, ns, ne, HOST)) {
                    return 0;
                }
                if (out.targetForm() != HttpRequest.TargetForm.ABSOLUTE) {
                    out.host(vs, ve); // an absolute-form target's authority replaces it (RFC 9112 section 3.2.2)
                }
                return 1;
            }
            case 6 -> {
                if (Ascii.equalsIgnoreCase(buf, ns, ne, EXPECT)) {
                    if (!Ascii.equalsIgnoreCase(buf, vs, ve, CONTINUE)) {
                        return -417;
                    }
                    if (out.minorVersion() == 1) {
                        out.expectContinue();
                    }
                }
                return 0;
            }
            case 10 -> {
                if (Ascii.equalsIgnoreCase(buf, ns, ne, CONNECTION)) {
                    connectionOptions(buf, vs, ve, out);
                }
                return 0;
            }
            case 14 -> {
                return Ascii.equalsIgnoreCase(buf, ns, ne, CONTENT_LENGTH) ? contentLength(buf, vs, ve, out) : 0;
            }
            case 17 -> {
                if (!Ascii.equalsIgnoreCase(buf, ns, ne, TRANSFER_ENCODING)) {
                    return 0;
                }
                if (out.isChunked()) {
                    return -400; // "chunked" twice
                }
                if (!Ascii.equalsIgnoreCase(buf, vs, ve, CHUNKED)) {
                    return -501;
                }
                out.chunked();
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }

    private static int contentLength(Buf buf, int vs, int ve, HttpRequest out) {
        if (ve == vs || ve - vs > MAX_LENGTH_DIGITS) {
            return -400;
        }
        long n = 0;
        for (int k = vs; k < ve; k++) {
            byte b = buf.getByte(k);
            if (!isDigit(b)) {
                return -400;
            }
            n = n * 10 + (b - '0');
        }
        long before = out.contentLength();
        if (before != HttpRequest.NO_CONTENT_LENGTH && before != n) {
            return -400;
        }
        out.contentLength(n);
        return 0;
    }

    /** Reads the comma-separated Connection options {@code close} and {@code keep-alive}. */
    private static void connectionOptions(Buf buf, int vs, int ve, HttpRequest out) {
        int i = vs;
        while (i < ve) {
            int comma = buf.indexOf(i, ve, (byte) ',');
            int te = comma < 0 ? ve : comma;
            int ts = i;
            while (ts < te && isOws(buf.getByte(ts))) {
                ts++;
            }
            int tEnd = te;
            while (tEnd > ts && isOws(buf.getByte(tEnd - 1))) {
                tEnd--;
            }
            if (Ascii.equalsIgnoreCase(buf, ts, tEnd, CLOSE)) {
                out.connectionClose();
            } else if (Ascii.equalsIgnoreCase(buf, ts, tEnd, KEEP_ALIVE)) {
                out.connectionKeepAlive();
            }
            i = te + 1;
        }
    }

    /** Index of the CR of the CRLF ending the line at {@code from}, or -1 for a bare LF. */
    private static int lineEnd(Buf buf, int from, int end) {
        int lf = buf.indexOf(from, end, (byte) '\n');
        if (lf <= from || buf.getByte(lf - 1) != '\r') {
            return -1;
        }
        int cr = lf - 1;
        return buf.indexOf(from, cr, (byte) '\r') < 0 ? cr : -1;
    }

    private static boolean isTargetChar(byte b) {
        return b > 0x20 && b < 0x7f;
    }

    private static boolean isOws(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
