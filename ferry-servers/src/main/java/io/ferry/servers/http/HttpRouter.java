package io.ferry.servers.http;

import io.ferry.buffer.Buf;

/**
 * Maps a request target to a route by comparing bytes in place (no allocation):
 * {@code /plaintext}, {@code /echo} and {@code /files/<name>}, by the target's path (so an absolute-form
 * {@code http://host/plaintext} routes as {@code /plaintext}); the query string is ignored. {@code OPTIONS *}
 * is {@link Route#SERVER}.
 *
 * <p>Stateless; any thread.
 */
public final class HttpRouter {
    /** The routes and the method each accepts; a GET route takes HEAD too (RFC 9110 section 9.3.2). */
    public enum Route {
        PLAINTEXT("GET"), ECHO("POST"), FILE("GET"), NOT_FOUND(null),
        /**
         * {@code OPTIONS *}: the server as a whole (RFC 9110 section 9.3.7); {@link #allow()} lists the methods
         * some route answers.
         */
        SERVER("OPTIONS", "GET, HEAD, POST, OPTIONS");

        private final String allow;
        private final byte[] methodBytes;
        private final boolean takesHead;

        Route(String method) {
            this(method, "GET".equals(method) ? "GET, HEAD" : method);
        }

        Route(String method, String allow) {
            this.takesHead = "GET".equals(method);
            this.allow = allow;
            this.methodBytes = method == null ? null : Ascii.bytes(method);
        }

        /** The methods this route answers (the Allow header of a 405 or of {@code OPTIONS *}), or null for none. */
        public String allow() {
            return allow;
        }

        /** True when {@code request}'s method is one this route answers. */
        public boolean accepts(Buf buf, HttpRequest request) {
            return methodBytes == null || request.methodIs(buf, methodBytes)
                || takesHead && request.methodIs(buf, HEAD);
        }
    }

    private static final byte[] GET = Ascii.bytes("GET");
    private static final byte[] HEAD = Ascii.bytes("HEAD");
    /**
     * The methods of RFC 9110 and PATCH (RFC 5789) but CONNECT; any other is 501. CONNECT is 501 too: this server
     * is no proxy and opens no tunnels, and as the peer may send tunnel bytes after the head, the connection ends.
     */
    private static final byte[][] KNOWN_METHODS = {GET, HEAD, Ascii.bytes("POST"), Ascii.bytes("PUT"),
        Ascii.bytes("DELETE"), Ascii.bytes("OPTIONS"), Ascii.bytes("TRACE"), Ascii.bytes("PATCH")};
    private static final byte[] PLAINTEXT = Ascii.bytes("/plaintext");
    private static final byte[] ECHO = Ascii.bytes("/echo");
    private static final byte[] FILES = Ascii.bytes("/files/");

    /** Whether {@code request}'s method is one this server knows (case-sensitive, as methods are). */
    public boolean isKnownMethod(Buf buf, HttpRequest request) {
        for (byte[] m : KNOWN_METHODS) {
            if (request.methodIs(buf, m)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code request} is a HEAD: answered as its GET, without the body. */
    public boolean isHead(Buf buf, HttpRequest request) {
        return request.methodIs(buf, HEAD);
    }

    /** The route for {@code request}'s target. */
    public Route route(Buf buf, HttpRequest request) {
        if (request.targetForm() == HttpRequest.TargetForm.ASTERISK) {
            return Route.SERVER;
        }
        int from = request.pathStart();
        int to = pathEnd(buf, request);
        if (Ascii.equals(buf, from, to, PLAINTEXT)) {
            return Route.PLAINTEXT;
        }
        if (Ascii.equals(buf, from, to, ECHO)) {
            return Route.ECHO;
        }
        if (Ascii.startsWith(buf, from, to, FILES)) {
            return Route.FILE;
        }
        return Route.NOT_FOUND;
    }

    /** The still percent-encoded name after {@code /files/} of a {@link Route#FILE} request. Allocates. */
    public String fileName(Buf buf, HttpRequest request) {
        return Ascii.string(buf, request.pathStart() + FILES.length, pathEnd(buf, request));
    }

    private static int pathEnd(Buf buf, HttpRequest request) {
        int q = buf.indexOf(request.pathStart(), request.targetEnd(), (byte) '?');
        return q < 0 ? request.targetEnd() : q;
    }
}
