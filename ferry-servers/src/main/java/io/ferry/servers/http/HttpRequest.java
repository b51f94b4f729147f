package io.ferry.servers.http;

import io.ferry.buffer.Buf;

/**
 * A parsed request head as offsets into the bytes it was parsed from: nothing is copied, so it is
 * valid only while those bytes are (until the {@link Buf} is released or compacted). The framing the
 * server needs (version, body length or chunked, keep-alive, Expect) is decoded into fields.
 *
 * <p>Reusable: {@link HttpHeadParser#parse} overwrites it. Threads: one thread at a time (the loop
 * keeps one per loop and uses it only inside one callback).
 */
public final class HttpRequest {
    /** {@link #contentLength()} when the head has no Content-Length header. */
    public static final long NO_CONTENT_LENGTH = -1;

    /** The forms of a request target (RFC 9112 section 3.2). */
    public enum TargetForm {
        /** {@code /path?query}: the usual form. */
        ORIGIN,
        /** {@code http://authority/path?query} ({@code http} or {@code https}, any case): sent to proxies. */
        ABSOLUTE,
        /** {@code host:port}: CONNECT only. */
        AUTHORITY,
        /** {@code *}: a server-wide OPTIONS only. */
        ASTERISK
    }

    private final int[] headers;
    private int headerCount;
    private int methodStart;
    private int methodEnd;
    private int targetStart;
    private int targetEnd;
    private int minorVersion;
    private TargetForm targetForm;
    private int pathStart;
    private int hostStart;
    private int hostEnd;
    private long contentLength;
    private boolean chunked;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean expectContinue;

    /** Room for {@code maxHeaders} headers (four ints each). */
    public HttpRequest(int maxHeaders) {
        this.headers = new int[maxHeaders * 4];
    }

    void reset() {
        headerCount = 0;
        contentLength = NO_CONTENT_LENGTH;
        chunked = false;
        connectionClose = false;
        connectionKeepAlive = false;
        expectContinue = false;
        hostStart = -1;
        hostEnd = -1;
    }

    void requestLine(int mStart, int mEnd, int tStart, int tEnd, int minor) {
        methodStart = mStart;
        methodEnd = mEnd;
        targetStart = tStart;
        targetEnd = tEnd;
        minorVersion = minor;
    }

    void target(TargetForm form, int path) {
        targetForm = form;
        pathStart = path;
    }

    void host(int start, int end) {
        hostStart = start;
        hostEnd = end;
    }

    /** False when the header table is full. */
    boolean addHeader(int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int at = headerCount * 4;
        if (at == headers.length) {
            return false;
        }
        headers[at] = nameStart;
        headers[at + 1] = nameEnd;
        headers[at + 2] = valueStart;
        headers[at + 3] = valueEnd;
        headerCount++;
        return true;
    }

    void contentLength(long length) {
        contentLength = length;
    }

    void chunked() {
        chunked = true;
    }

    void connectionClose() {
        connectionClose = true;
    }

    void connectionKeepAlive() {
        connectionKeepAlive = true;
    }

    void expectContinue() {
        expectContinue = true;
    }

    public int methodStart() {
        return methodStart;
    }

    public int methodEnd() {
        return methodEnd;
    }

    public int targetStart() {
        return targetStart;
    }

    public int targetEnd() {
        return targetEnd;
    }

    /** The form of the request target. */
    public TargetForm targetForm() {
        return targetForm;
    }

    /**
     * Where the target's path and query start: {@link #targetStart()} in origin form, just after the authority in
     * absolute form (then the path may be empty), {@link #targetEnd()} in the other forms (no path).
     */
    public int pathStart() {
        return pathStart;
    }

    /**
     * Start of the host the request is for: an absolute-form target's authority, which replaces the Host header
     * (RFC 9112 section 3.2.2), otherwise the Host header's value; -1 when the request has neither.
     */
    public int hostStart() {
        return hostStart;
    }

    /** End of the host the request is for (see {@link #hostStart()}); -1 when it has none. */
    public int hostEnd() {
        return hostEnd;
    }

    /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
    public int minorVersion() {
        return minorVersion;
    }

    /** The Content-Length, or {@link #NO_CONTENT_LENGTH}. */
    public long contentLength() {
        return contentLength;
    }

    /** True with {@code Transfer-Encoding: chunked}. */
    public boolean isChunked() {
        return chunked;
    }

    /** True when a body follows the head. */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /** Whether the connection stays open after this exchange (HTTP/1.1 default yes, 1.0 default no). */
    public boolean keepAlive() {
        return minorVersion == 1 ? !connectionClose : connectionKeepAlive && !connectionClose;
    }

    /** True with {@code Expect: 100-continue} on HTTP/1.1. */
    public boolean expectsContinue() {
        return expectContinue;
    }

    public int headerCount() {
        return headerCount;
    }

    public int headerNameStart(int i) {
        return headers[i * 4];
    }

    public int headerNameEnd(int i) {
        return headers[i * 4 + 1];
    }

    public int headerValueStart(int i) {
        return headers[i * 4 + 2];
    }

    public int headerValueEnd(int i) {
        return headers[i * 4 + 3];
    }

    /** True when the method is exactly {@code method} (ASCII, case-sensitive as HTTP says). */
    public boolean methodIs(Buf buf, byte[] method) {
        return Ascii.equals(buf, methodStart, methodEnd, method);
    }

    /**
     * The value of the first header named {@code name} (any case), or null. Allocates: for tests, logs
     * and slow paths.
     */
    public String header(Buf buf, String name) {
        byte[] lower = Ascii.bytes(name.toLowerCase(java.util.Locale.ROOT));
        for (int i = 0; i < headerCount; i++) {
            if (Ascii.equalsIgnoreCase(buf, headerNameStart(i), headerNameEnd(i), lower)) {
                return Ascii.string(buf, headerValueStart(i), headerValueEnd(i));
            }
        }
        return null;
    }

    /** The host the request is for (see {@link #hostStart()}) as text, or null. Allocates. */
    public String host(Buf buf) {
        return hostStart < 0 ? null : Ascii.string(buf, hostStart, hostEnd);
    }

    /** The method as text. Allocates. */
    public String method(Buf buf) {
        return Ascii.string(buf, methodStart, methodEnd);
    }

    /** The request target as text. Allocates. */
    public String target(Buf buf) {
        return Ascii.string(buf, targetStart, targetEnd);
    }
}
