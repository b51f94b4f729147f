package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import io.ferry.servers.http.HttpRouter.Route;
import java.nio.file.Path;

/**
 * The protocol half of one HTTP/1.1 connection, shared by both front ends ({@link HttpHandler} on
 * loop callbacks, {@link BlockingHttp} on a virtual thread): finds each request head in received
 * bytes, takes the routing decisions while the head's bytes are at hand, decodes the body, and
 * answers each complete request through its {@link Exchange}, which owns the connection and writes
 * the way its style needs. Status, plaintext and error responses are written here; {@code /echo} and
 * {@code /files} bodies by the exchange.
 *
 * <p>Threads: one at a time, the connection's. The {@link HttpRequest} passed in may be shared by
 * connections that never read at the same time (a loop's).
 */
final class RequestReader implements BodyDecoder.Sink {
    /** What a front end provides: the connection's side of each exchange. */
    interface Exchange {
        /** Asked before each step; false stops {@link #read} (the caller keeps the unread bytes). */
        boolean ready();

        /** A buffer with at least {@link HttpResponses#MAX_BYTES} writable for the next response. */
        Buf responseBuffer();

        /** A piece of an {@code /echo} body, valid during the call. */
        void body(Buf buf, int index, int length);

        /** The {@code /echo} request is complete: answer with the body collected. */
        void echo(int connection);

        /**
         * Answer {@code GET /files} with {@code file} (under the root, checked lexically only); for a HEAD
         * ({@code withBody} false) only the head, errors included.
         */
        void file(Path file, int connection, boolean withBody);

        /** A response is written; {@code connection} says whether the connection ends after it. */
        void answered(int connection);
    }

    /**
     * What every reader on one thread shares: the limits, the parser and router, the request being parsed (a
     * reader parses only while it runs), the cached date, and the directory {@code /files} serve from (null: 404).
     */
    record Shared(HttpLimits limits, HttpHeadParser parser, HttpRouter router, HttpRequest request, HttpDate date,
                  Path root) {
    }

    /** {@link #flags}: between a head and the end of its body. */
    private static final int IN_BODY = 1;
    /** {@link #flags}: an incomplete head's clock runs. */
    private static final int HEAD_CLOCK = 2;
    /** {@link #flags}: the request is a HEAD. */
    private static final int HEAD = 4;
    private final Shared shared;
    private BodyDecoder decoder; // made for the first request with a body: most connections never send one
    private final Exchange exchange;
    private int scanned;
    private Route route;
    // Flags, status and connection are packed so that a reader fits 40 bytes: every idle connection holds one
    // (issue 17).
    private byte flags;
    private short status;
    private byte connection;
    private Path file;

    /**
     * @param shared what the readers of this thread share
     */
    RequestReader(Shared shared, Exchange exchange) {
        this.shared = shared;
        this.exchange = exchange;
    }

    /**
     * Parses and answers every complete request in {@code [at, to)} of {@code in}.
     *
     * @return where it stopped: {@code to}, the start of an incomplete head (read it again with more bytes
     *     after it), or an earlier index when the exchange was not {@link Exchange#ready() ready}
     */
    int read(Buf in, int at, int to) {
        while (at < to && exchange.ready()) {
            if (!is(IN_BODY)) {
                int end = shared.parser().parse(in, at, to, scanned, shared.request());
                if (end == HttpHeadParser.NEED_MORE) {
                    scanned = to - at;
                    break;
                }
                scanned = 0;
                set(HEAD_CLOCK, false);
                if (end < 0) {
                    fail(-end);
                    break;
                }
                begin(in, end);
                at = end;
            } else {
                int next = decoder.decode(in, at, to, this);
                if (next < 0) {
                    fail(-next);
                    break;
                }
                at = next;
            }
            if (is(IN_BODY) && (decoder == null || decoder.isDone())) {
                set(IN_BODY, false);
                respond();
            }
        }
        return at;
    }

    /** True between a head and the end of its body. */
    boolean inBody() {
        return is(IN_BODY);
    }

    /**
     * For the header timeout: true the first time it is called while a head is incomplete (start its
     * clock now), false again until a head is parsed.
     */
    boolean startHeadClock() {
        boolean first = !is(HEAD_CLOCK);
        set(HEAD_CLOCK, true);
        return first;
    }

    /** True while an incomplete head's clock runs (see {@link #startHeadClock()}). */
    boolean headClockStarted() {
        return is(HEAD_CLOCK);
    }

    private boolean is(int flag) {
        return (flags & flag) != 0;
    }

    private void set(int flag, boolean on) {
        flags = (byte) (on ? flags | flag : flags & ~flag);
    }


    /** The cached Date header value. */
    byte[] date() {
        return shared.date().bytes();
    }

    /** A malformed or refused request: answer with {@code code} and {@code Connection: close}. */
    void fail(int code) {
        HttpResponses.error(exchange.responseBuffer(), code, null, shared.date().bytes(), HttpResponses.CLOSE);
        exchange.answered(HttpResponses.CLOSE);
    }

    /**
     * A request refused because the server's input memory budget is spent: 503 with {@code Retry-After} and
     * {@code Connection: close}.
     */
    void overloaded() {
        Overloaded.write(exchange.responseBuffer(), shared.date().bytes());
        exchange.answered(HttpResponses.CLOSE);
    }

    /** Takes the routing decisions for the head just parsed, while its bytes are still at hand. */
    private void begin(Buf in, int headEnd) {
        HttpRequest req = shared.request();
        HttpRouter router = shared.router();
        route = router.route(in, req);
        connection = (byte) (!req.keepAlive() ? HttpResponses.CLOSE
            : req.minorVersion() == 1 ? HttpResponses.KEEP_OPEN : HttpResponses.KEEP_ALIVE);
        set(HEAD, router.isHead(in, req));
        status = (short) (!router.isKnownMethod(in, req) ? 501 : route == Route.NOT_FOUND ? 404
            : route.accepts(in, req) ? 0 : 405);
        if (status == 501) {
            connection = HttpResponses.CLOSE; // a method we do not know may frame what follows its head differently
        }
        if (status == 0 && route == Route.FILE) {
            resolveFile(in, req);
        }
        set(IN_BODY, true);
        if (req.isChunked()) {
            decoder().startChunked();
        } else if (req.contentLength() > shared.limits().maxBodyBytes()) {
            status = 413;
            connection = HttpResponses.CLOSE;
            startFixed(0);
            return;
        } else {
            startFixed(Math.max(0, req.contentLength()));
        }
        if (req.expectsContinue() && req.hasBody()) {
            HttpResponses.continue100(exchange.responseBuffer());
        }
    }

    private void startFixed(long length) {
        if (length > 0 || decoder != null) {
            decoder().startFixed(length);
        }
    }

    private BodyDecoder decoder() {
        if (decoder == null) {
            decoder = new BodyDecoder(shared.limits());
        }
        return decoder;
    }

    private void resolveFile(Buf in, HttpRequest req) {
        if (shared.root() == null) {
            status = 404;
            return;
        }
        try {
            file = FilePaths.resolve(shared.root(), shared.router().fileName(in, req));
        } catch (HttpStatusException e) {
            status = (short) e.status();
        }
    }

    /** Body bytes: handed on for {@code /echo}, dropped otherwise. */
    @Override
    public void accept(Buf buf, int index, int length) {
        if (route == Route.ECHO && status == 0) {
            exchange.body(buf, index, length);
        }
    }

    /** The request (head and body) is complete: answer it. */
    private void respond() {
        if (status != 0) {
            HttpResponses.error(exchange.responseBuffer(), status, status == 405 ? route.allow() : null, date(),
                connection, !is(HEAD));
            exchange.answered(connection);
        } else if (route == Route.PLAINTEXT) {
            HttpResponses.plaintext(exchange.responseBuffer(), date(), connection, !is(HEAD));
            exchange.answered(connection);
        } else if (route == Route.ECHO) {
            exchange.echo(connection);
        } else if (route == Route.SERVER) {
            HttpResponses.options(exchange.responseBuffer(), route.allow(), date(), connection);
            exchange.answered(connection);
        } else {
            Path f = file;
            file = null;
            exchange.file(f, connection, !is(HEAD));
        }
    }
}
