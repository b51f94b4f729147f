package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufWriter;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.servers.http.HttpRouter.Route;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One HTTP/1.1 connection: parses every complete request of a read, answers them in order into the
 * connection's {@link BufWriter}, and flushes once per read (pipelining costs one gathered write).
 *
 * <p>Received bytes are parsed where they lie. Only when a request head straddles reads is its tail
 * copied into a pooled buffer ({@code pending}), released again as soon as the head is complete, so
 * idle connections hold no buffer. Bodies are decoded as they arrive and never accumulate in
 * {@code pending}; only {@code /echo} keeps its body (bounded by {@link HttpLimits#maxBodyBytes()}).
 *
 * <p>A {@code /files} response completes later: the file is opened asynchronously and streamed by a
 * {@link FileStream} as the peer reads; until it is sent, later pipelined requests wait in
 * {@code pending} and reading pauses. Reading also pauses while the connection is not writable; bytes
 * that were already on their way then wait in {@code pending} too, unanswered, until it drains, and a
 * long pipelined batch stops once {@value #FLUSH_BYTES} bytes of responses are queued and not writable.
 * Any protocol error is answered with its status and {@code Connection: close}, then the connection
 * closes after flushing.
 *
 * <p>Threads: the connection's loop thread only.
 */
final class HttpHandler implements Handler, BodyDecoder.Sink {
    private static final int HEAD = 0;
    private static final int BODY = 1;
    private static final int WAITING = 2;
    private static final int CLOSED = 3;
    private static final int PAUSED_FOR_WRITE = 1;
    private static final int PAUSED_FOR_FILE = 2;
    /** Queued response bytes after which a long pipelined batch flushes and checks writability. */
    private static final int FLUSH_BYTES = 64 * 1024;
    private final Connection conn;
    private final HttpLoop http;
    private final BodyDecoder decoder;
    /** Index in the loop's sweep list, or -1. */
    int slot = -1;
    private int phase = HEAD;
    private int pauses;
    private Buf pending;
    private int scanned;
    private boolean headStarted;
    private boolean inputClosed;
    private boolean lingering;
    private long deadline;
    private Route route;
    private int status;
    private int connection;
    private Path file;
    private Buf body;
    private FileStream stream;

    HttpHandler(Connection conn, HttpLoop http) {
        this.conn = conn;
        this.http = http;
        this.decoder = new BodyDecoder(http.limits);
    }

    @Override
    public void onOpen(Connection c) {
        http.add(this);
        deadline = System.nanoTime() + http.idleTimeoutNanos;
    }

    @Override
    public void onData(Connection c, Buf data) {
        if (phase == CLOSED) {
            data.release();
            return;
        }
        boolean owned = pending != null;
        Buf in = owned ? append(pending, data) : data;
        pending = null;
        if (pauses != 0) {
            pending = owned ? in : copyOf(in); // bytes already in flight when reading paused: keep for later
            return;
        }
        process(in, owned);
        afterBatch();
    }

    @Override
    public void onWritable(Connection c) {
        deadline = System.nanoTime() + http.idleTimeoutNanos;
        if (stream != null) {
            stream.onWritable();
        }
        resume(PAUSED_FOR_WRITE);
        if (pauses == 0 && pending != null && (phase == HEAD || phase == BODY)) {
            Buf rest = pending;
            pending = null;
            process(rest, true);
            afterBatch();
        }
    }

    /** One flush per batch of answered requests; reading pauses while the peer does not keep up. */
    private void afterBatch() {
        conn.flush();
        if (!conn.isWritable()) {
            pause(PAUSED_FOR_WRITE);
        }
        rearmDeadline();
    }

    @Override
    public void onInputClosed(Connection c) {
        inputClosed = true;
        if (phase == CLOSED) {
            conn.close();
        } else if (phase != WAITING) {
            shut();
        }
    }

    @Override
    public void onClose(Connection c, Throwable cause) {
        phase = CLOSED;
        http.remove(this);
        releaseBuffers();
        if (stream != null) {
            stream.cancel();
            stream = null;
        }
    }

    /**
     * Parses and answers every complete request in {@code in}, keeping an incomplete tail in
     * {@code pending}: {@code in} itself when {@code owned} (a buffer of ours), else a copy, so no receive
     * buffer stays pinned. Takes {@code in}.
     */
    private void process(Buf in, boolean owned) {
        int at = in.readIndex();
        int to = in.writeIndex();
        while (at < to && (phase == HEAD || phase == BODY)) {
            if (conn.pendingWriteBytes() >= FLUSH_BYTES) {
                conn.flush();
                if (!conn.isWritable()) {
                    pause(PAUSED_FOR_WRITE); // the rest waits in pending until the peer reads
                    break;
                }
            }
            if (phase == HEAD) {
                int end = http.parser.parse(in, at, to, scanned, http.request);
                if (end == HttpHeadParser.NEED_MORE) {
                    scanned = to - at;
                    break;
                }
                scanned = 0;
                headStarted = false;
                if (end < 0) {
                    fail(-end);
                    break;
                }
                begin(in, end);
                at = end;
                if (decoder.isDone()) {
                    respond();
                }
            } else {
                int next = decoder.decode(in, at, to, this);
                if (next < 0) {
                    fail(-next);
                    break;
                }
                at = next;
                if (decoder.isDone()) {
                    respond();
                }
            }
        }
        if (phase == CLOSED || at == to) {
            in.release();
            return;
        }
        in.readIndex(at);
        pending = owned ? in : copyOf(in);
    }

    /** Takes the routing decisions for the head just parsed, while its bytes are still at hand. */
    private void begin(Buf in, int headEnd) {
        HttpRequest req = http.request;
        route = http.router.route(in, req);
        connection = !req.keepAlive() ? HttpResponses.CLOSE
            : req.minorVersion() == 1 ? HttpResponses.KEEP_OPEN : HttpResponses.KEEP_ALIVE;
        status = route == Route.NOT_FOUND ? 404 : route.accepts(in, req) ? 0 : 405;
        if (status == 0 && route == Route.FILE) {
            resolveFile(in, req);
        }
        if (req.isChunked()) {
            decoder.startChunked();
        } else if (req.contentLength() > http.limits.maxBodyBytes()) {
            status = 413;
            connection = HttpResponses.CLOSE;
            decoder.startFixed(0);
            return;
        } else {
            decoder.startFixed(Math.max(0, req.contentLength()));
        }
        if (req.expectsContinue() && req.hasBody()) {
            HttpResponses.continue100(conn.writer());
        }
        phase = BODY;
    }

    private void resolveFile(Buf in, HttpRequest req) {
        if (http.root == null) {
            status = 404;
            return;
        }
        try {
            file = FilePaths.resolve(http.root, http.router.fileName(in, req));
        } catch (HttpStatusException e) {
            status = e.status();
        }
    }

    /** Body bytes: kept for {@code /echo}, dropped otherwise. */
    @Override
    public void accept(Buf buf, int index, int length) {
        if (route != Route.ECHO || status != 0) {
            return;
        }
        Buf b = body;
        if (b == null || b.writableBytes() < length) {
            long expected = Math.max(decoder.bodyBytes() + length, http.request.contentLength());
            Buf grown = conn.loop().pool().acquire((int) Math.max(expected, 2L * (b == null ? 0 : b.capacity())));
            if (b != null) {
                grown.writeBytes(b);
                b.release();
            }
            body = b = grown;
        }
        b.setBytes(b.writeIndex(), buf, index, length);
        b.writeIndex(b.writeIndex() + length);
    }

    /** The request (head and body) is complete: answer it. */
    private void respond() {
        phase = HEAD;
        BufWriter w = conn.writer();
        byte[] date = http.date.bytes();
        if (status != 0) {
            HttpResponses.error(w, status, status == 405 ? route.method() : null, date, connection);
        } else if (route == Route.PLAINTEXT) {
            HttpResponses.plaintext(w, date, connection);
        } else if (route == Route.ECHO) {
            Buf b = body;
            body = null;
            HttpResponses.head(w, 200, HttpResponses.OCTET_STREAM, b == null ? 0 : b.readableBytes(), date,
                connection);
            if (b != null) {
                conn.write(b);
            }
        } else {
            readFile();
            return;
        }
        afterResponse();
    }

    private void afterResponse() {
        if (connection == HttpResponses.CLOSE) {
            shut();
        }
    }

    private void readFile() {
        phase = WAITING;
        pause(PAUSED_FOR_FILE);
        Path f = file;
        file = null;
        http.files.open(conn.loop(), f, http.limits.maxFileBytes()).whenComplete((opened, error) -> {
            if (!conn.loop().inLoop()) {
                return; // the loop stopped before the open ended; the connection is gone with it
            }
            try {
                fileOpened(opened, error);
            } catch (RuntimeException e) {
                conn.loop().reportError(e);
                conn.abort();
            }
        });
    }

    private void fileOpened(FileSource.Opened opened, Throwable error) {
        if (phase != WAITING) {
            if (opened != null) {
                opened.file().closeAsync();
            }
            return;
        }
        byte[] date = http.date.bytes();
        if (error != null) {
            HttpResponses.error(conn.writer(), statusOf(error), null, date, connection);
            fileDone();
            return;
        }
        HttpResponses.head(conn.writer(), 200, HttpResponses.OCTET_STREAM, opened.size(), date, connection);
        stream = new FileStream(conn, opened, this::fileSent);
        stream.start();
    }

    private void fileSent() {
        stream = null;
        fileDone();
    }

    /** The file response is queued: answer what was pipelined behind it, then read on. */
    private void fileDone() {
        phase = HEAD;
        afterResponse();
        Buf rest = pending;
        pending = null;
        if (rest != null && phase == HEAD) {
            process(rest, true);
        } else if (rest != null) {
            rest.release();
        }
        if (inputClosed && phase != WAITING && phase != CLOSED) {
            shut(); // the peer's FIN came while the file was read: all it sent is answered now
        }
        resume(PAUSED_FOR_FILE);
        afterBatch();
    }

    private int statusOf(Throwable error) {
        int code = FileSource.status(error);
        Throwable e = FileSource.unwrap(error);
        if (code == 500 && !(e instanceof IOException)) {
            conn.loop().reportError(new IOException("GET /files on " + conn + " failed", e));
        }
        return code;
    }

    /** A malformed or refused request: answer with {@code code}, then close. */
    private void fail(int code) {
        connection = HttpResponses.CLOSE;
        HttpResponses.error(conn.writer(), code, null, http.date.bytes(), HttpResponses.CLOSE);
        shut();
    }

    /**
     * Ends the connection after what is queued: sends FIN after flushing, then drops whatever the peer
     * still sends until its FIN (or the header timeout), so closing with unread bytes does not reset
     * the connection and destroy the last response on its way (a lingering close).
     */
    private void shut() {
        phase = CLOSED;
        releaseBuffers();
        if (inputClosed) {
            conn.close();
        } else {
            lingering = true;
            deadline = System.nanoTime() + http.headerTimeoutNanos;
            conn.shutdownOutput();
        }
    }

    /** Called by the loop's sweep: enforces the header and idle deadlines. */
    void checkTimeout(long now) {
        boolean fileInFlight = phase == WAITING && (stream == null || !stream.waitsForPeer());
        if (fileInFlight || phase == CLOSED && !lingering || now - deadline < 0) {
            return;
        }
        if (phase == CLOSED) {
            lingering = false;
            conn.close();
        } else if (conn.pendingWriteBytes() > 0) {
            phase = CLOSED;
            releaseBuffers();
            conn.abort(); // the peer stopped reading its responses
        } else if (phase == BODY || headStarted) {
            fail(408);
        } else {
            phase = CLOSED;
            conn.close(); // idle between requests: nothing unread to linger for
        }
    }

    /** Header deadline from a head's first byte; otherwise the idle deadline from now. */
    private void rearmDeadline() {
        long now = System.nanoTime();
        if (phase == HEAD && pending != null) {
            if (!headStarted) {
                headStarted = true;
                deadline = now + http.headerTimeoutNanos;
            }
        } else {
            deadline = now + http.idleTimeoutNanos;
        }
    }

    private Buf append(Buf tail, Buf data) {
        if (tail.writableBytes() >= data.readableBytes()) {
            tail.writeBytes(data);
            data.release();
            return tail;
        }
        Buf grown = conn.loop().pool().acquire(tail.readableBytes() + data.readableBytes());
        grown.writeBytes(tail);
        grown.writeBytes(data);
        tail.release();
        data.release();
        return grown;
    }

    /** Copies the unread bytes of {@code in} into a fresh pooled buffer and releases {@code in}. */
    private Buf copyOf(Buf in) {
        Buf copy = conn.loop().pool().acquire(Math.max(in.readableBytes(), http.limits.maxHeadBytes()));
        copy.writeBytes(in);
        in.release();
        return copy;
    }

    private void pause(int reason) {
        if (pauses == 0) {
            conn.pauseReading();
        }
        pauses |= reason;
    }

    private void resume(int reason) {
        int before = pauses;
        pauses &= ~reason;
        if (before != 0 && pauses == 0 && phase != CLOSED) {
            conn.resumeReading();
        }
    }

    private void releaseBuffers() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
