package io.ferry.servers.http;

import io.ferry.buffer.Buf;

/**
 * Maps a request target to a route by comparing bytes in place (no allocation):
 * {@code /plaintext}, {@code /echo} and {@code /files/<name>}; the query string is ignored.
 *
 * <p>Stateless; any thread.
 */
public final class HttpRouter {
    /** The routes and the one method each accepts. */
    public enum Route {
        PLAINTEXT("GET"), ECHO("POST"), FILE("GET"), NOT_FOUND(null);

        private final String method;
        private final byte[] methodBytes;

        Route(String method) {
            this.method = method;
            this.methodBytes = method == null ? null : Ascii.bytes(method);
        }

        /** The method this route answers (the Allow header of a 405), or null for none. */
        public String method() {
            return method;
        }

        /** True when {@code request}'s method is the one this route answers. */
        public boolean accepts(Buf buf, HttpRequest request) {
            return methodBytes == null || request.methodIs(buf, methodBytes);
        }
    }

    private static final byte[] PLAINTEXT = Ascii.bytes("/plaintext");
    private static final byte[] ECHO = Ascii.bytes("/echo");
    private static final byte[] FILES = Ascii.bytes("/files/");

    /** The route for {@code request}'s target. */
    public Route route(Buf buf, HttpRequest request) {
        int from = request.targetStart();
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
        return Ascii.string(buf, request.targetStart() + FILES.length, pathEnd(buf, request));
    }

    private static int pathEnd(Buf buf, HttpRequest request) {
        int q = buf.indexOf(request.targetStart(), request.targetEnd(), (byte) '?');
        return q < 0 ? request.targetEnd() : q;
    }
}
