package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufWriter;
import io.ferry.buffer.BufferPool;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One HTTP/1.1 connection in handler style: its {@link RequestReader} parses every complete request of
 * a read and answers them in order into the connection's {@link BufWriter}, and the handler flushes
 * once per read (pipelining costs one gathered write).
 *
 * <p>Received bytes are parsed where they lie. Only when a request head straddles reads is its tail
 * copied into a pooled buffer ({@code pending}), released again as soon as the head is complete, so
 * idle connections hold no buffer. Bodies are decoded as they arrive and never accumulate in
 * {@code pending}; only {@code /echo} keeps its body, in pool buffers as it arrives ({@link BodyChain}: memory
 * follows the bytes received, not the declared length; bounded by {@link HttpLimits#maxBodyBytes()}).
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
final class HttpHandler implements Handler, RequestReader.Exchange {
    private static final int ACTIVE = 0;
    private static final int WAITING = 1;
    private static final int CLOSED = 2;
    private static final int PAUSED_FOR_WRITE = 1;
    private static final int PAUSED_FOR_FILE = 2;
    /** Queued response bytes after which a long pipelined batch flushes and checks writability. */
    private static final int FLUSH_BYTES = 64 * 1024;
    /** {@link #flags}: the peer sent its FIN. */
    private static final int INPUT_CLOSED = 1;
    /** {@link #flags}: closed, reading until the peer's FIN (see {@link #shut()}). */
    private static final int LINGERING = 2;
    /** {@link #flags}: a file response sends its body (clear while answering a HEAD for a file: the head only). */
    private static final int FILE_BODY = 4;
    private final Connection conn;
    private final HttpLoop http;
    private final RequestReader reader;
    /** Index in the loop's sweep list, or -1. */
    int slot = -1;
    // The small state is packed into bytes and pendingCharge is an int (one buffer's capacity) so that the handler
    // fits 56 bytes: every idle connection holds one (issue 17).
    private byte phase = ACTIVE;
    /** The PAUSED_FOR_* reasons reading is paused for. */
    private byte pauses;
    private byte flags;
    private byte connection;
    private Buf pending;
    /** Input budget taken for the one input buffer of ours in hand ({@code pending}, or on its way to it). */
    private int pendingCharge;
    private long deadline;
    /** The /echo body, made at the first body byte. */
    private BodyChain body;
    private FileStream stream;

    HttpHandler(Connection conn, HttpLoop http) {
        this.conn = conn;
        this.http = http;
        this.reader = new RequestReader(http.readers, this);
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
        Buf tail = pending;
        pending = null; // append takes it: released there, also when the pool refuses to grow
        boolean owned = tail != null;
        Buf in = owned ? append(tail, data) : data;
        if (in != null && pauses != 0) {
            in = owned ? in : copyOf(in); // bytes already in flight when reading paused: keep for later
            pending = in;
        }
        if (in == null) {
            refuse();
        } else if (pauses == 0) {
            process(in, owned);
        } else {
            return;
        }
        afterBatch();
    }

    @Override
    public void onWritable(Connection c) {
        deadline = System.nanoTime() + http.idleTimeoutNanos;
        if (stream != null) {
            stream.onWritable();
        }
        resume(PAUSED_FOR_WRITE);
        if (pauses == 0 && pending != null && phase == ACTIVE) {
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
        set(INPUT_CLOSED, true);
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
     * Answers every complete request in {@code in}, keeping an incomplete tail in {@code pending}:
     * {@code in} itself when {@code owned} (a buffer of ours), else a copy, so no receive buffer stays
     * pinned. Takes {@code in}.
     */
    private void process(Buf in, boolean owned) {
        int to = in.writeIndex();
        int at;
        try {
            at = reader.read(in, in.readIndex(), to);
        } catch (RuntimeException e) {
            release(in, owned); // e.g. the pool refused to grow the body: fail the connection, keep nothing
            throw e;
        }
        if (phase == CLOSED || at == to) {
            release(in, owned);
            return;
        }
        in.readIndex(at);
        pending = owned ? in : copyOf(in);
        if (pending == null) {
            refuse();
        }
    }

    /** Releases {@code in}, giving back its share of the input budget when it is ours. */
    private void release(Buf in, boolean owned) {
        in.release();
        if (owned) {
            http.budget.give(pendingCharge);
            pendingCharge = 0;
        }
    }

    /**
     * The input budget is spent and this connection needs more: 503 (see {@link HttpServer#withInputBudget}),
     * or a reset when earlier responses are still owed (a file being sent, or replies the peer has not read).
     */
    private void refuse() {
        if (phase == CLOSED) {
            return;
        }
        if (phase == ACTIVE && pauses == 0) {
            reader.overloaded();
        } else {
            phase = CLOSED;
            releaseBuffers();
            conn.abort();
        }
    }

    /** Goes on with the next request unless waiting, closed, or too far ahead of a peer that does not read. */
    @Override
    public boolean ready() {
        if (phase != ACTIVE) {
            return false;
        }
        if (conn.pendingWriteBytes() >= FLUSH_BYTES) {
            conn.flush();
            if (!conn.isWritable()) {
                pause(PAUSED_FOR_WRITE); // the rest waits in pending until the peer reads
                return false;
            }
        }
        return true;
    }

    @Override
    public Buf responseBuffer() {
        return conn.writer().reserve(HttpResponses.MAX_BYTES);
    }

    /** Body bytes of {@code /echo}: held as they arrive, in pool buffers (memory follows bytes received). */
    @Override
    public void body(Buf buf, int index, int length) {
        if (phase == CLOSED) {
            return; // refused: the rest of this read is dropped
        }
        if (body == null) {
            body = new BodyChain(this::bodyBuffer);
        }
        if (!body.append(buf, index, length)) {
            refuse();
        }
    }

    /** The next buffer of an {@code /echo} body, or null when the input budget is spent. */
    private Buf bodyBuffer() {
        BufferPool pool = conn.loop().pool();
        if (!http.budget.tryTake(pool.bufferSize())) {
            return null;
        }
        try {
            return pool.acquire(); // its capacity is the buffer size: the share taken
        } catch (RuntimeException e) {
            http.budget.give(pool.bufferSize());
            throw e;
        }
    }

    @Override
    public void echo(int connection) {
        if (phase == CLOSED) {
            return; // refused (503) while its body arrived
        }
        giveBody(); // handed to the connection: output now, bounded by the write watermarks
        HttpResponses.head(responseBuffer(), 200, HttpResponses.OCTET_STREAM, body == null ? 0 : body.bytes(),
            reader.date(), connection);
        if (body != null) {
            for (Buf b = body.poll(); b != null; b = body.poll()) {
                conn.write(b);
            }
        }
        answered(connection);
    }

    @Override
    public void answered(int connection) {
        if (connection == HttpResponses.CLOSE) {
            shut();
        }
    }

    @Override
    public void file(Path f, int connection, boolean withBody) {
        this.connection = (byte) connection;
        set(FILE_BODY, withBody);
        phase = WAITING;
        pause(PAUSED_FOR_FILE);
        // Async on the loop, never a guard: a future that is already complete runs a plain whenComplete on
        // the registering thread, and one completed elsewhere on that thread.
        http.files.open(conn.loop(), f, http.limits.maxFileBytes()).whenCompleteAsync((opened, error) -> {
            try {
                fileOpened(opened, error);
            } catch (RuntimeException e) {
                conn.loop().reportError(e);
                conn.abort();
            }
        }, conn.loop());
    }

    private void fileOpened(FileSource.Opened opened, Throwable error) {
        if (phase != WAITING) {
            if (opened != null) {
                opened.file().closeAsync();
            }
            return;
        }
        if (error != null) {
            HttpResponses.error(responseBuffer(), statusOf(error), null, reader.date(), connection, is(FILE_BODY));
            fileDone();
            return;
        }
        HttpResponses.head(responseBuffer(), 200, HttpResponses.OCTET_STREAM, opened.size(), reader.date(),
            connection);
        if (!is(FILE_BODY)) {
            opened.file().closeAsync();
            fileDone();
            return;
        }
        stream = new FileStream(conn, opened, this::fileSent);
        stream.start();
    }

    private void fileSent() {
        stream = null;
        fileDone();
    }

    /** The file response is queued: answer what was pipelined behind it, then read on. */
    private void fileDone() {
        phase = ACTIVE;
        answered(connection);
        Buf rest = pending;
        pending = null;
        if (rest != null && phase == ACTIVE) {
            process(rest, true);
        } else if (rest != null) {
            release(rest, true);
        }
        if (is(INPUT_CLOSED) && phase == ACTIVE) {
            shut(); // the peer's FIN came while the file was read: all it sent is answered now
        }
        if (phase != WAITING) { // a file request pipelined behind this one keeps reading paused
            resume(PAUSED_FOR_FILE);
        }
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

    /**
     * Ends the connection after what is queued: sends FIN after flushing, then drops whatever the peer
     * still sends until its FIN (or the header timeout), so closing with unread bytes does not reset
     * the connection and destroy the last response on its way (a lingering close).
     */
    private void shut() {
        phase = CLOSED;
        releaseBuffers();
        if (is(INPUT_CLOSED)) {
            conn.close();
        } else {
            set(LINGERING, true);
            deadline = System.nanoTime() + http.headerTimeoutNanos;
            conn.shutdownOutput();
            if (pauses != 0) {
                // A lingering close must read to see the peer's FIN (what it sends is dropped, so memory does not
                // grow); left paused for a write, io_uring would hold the descriptor until the deadline.
                pauses = 0;
                conn.resumeReading();
            }
        }
    }

    /** Called by the loop's sweep: enforces the header and idle deadlines. */
    void checkTimeout(long now) {
        boolean fileInFlight = phase == WAITING && (stream == null || !stream.waitsForPeer());
        if (fileInFlight || phase == CLOSED && !is(LINGERING) || now - deadline < 0) {
            return;
        }
        if (phase == CLOSED) {
            set(LINGERING, false);
            conn.close();
        } else if (conn.pendingWriteBytes() > 0) {
            phase = CLOSED;
            releaseBuffers();
            conn.abort(); // the peer stopped reading its responses
        } else if (reader.inBody() || reader.headClockStarted()) {
            reader.fail(408);
        } else {
            phase = CLOSED;
            conn.close(); // idle between requests: nothing unread to linger for
        }
    }

    /**
     * Header deadline from a head's first byte; otherwise the idle deadline from now. While paused for
     * the peer to read, {@code pending} holds requests the server has not looked at yet, so the idle
     * deadline (the write timeout) applies, not the header timeout.
     */
    private void rearmDeadline() {
        long now = System.nanoTime();
        if (phase == ACTIVE && (pauses & PAUSED_FOR_WRITE) == 0 && !reader.inBody() && pending != null) {
            if (reader.startHeadClock()) {
                deadline = now + http.headerTimeoutNanos;
            }
        } else {
            deadline = now + http.idleTimeoutNanos;
        }
    }

    /** {@code data} appended to our {@code tail}; null (both released) when the input budget is spent. */
    private Buf append(Buf tail, Buf data) {
        if (tail.writableBytes() >= data.readableBytes()) {
            tail.writeBytes(data);
            data.release();
            return tail;
        }
        Buf grown = null;
        try {
            grown = acquireInput(tail.readableBytes() + data.readableBytes());
            if (grown != null) {
                grown.writeBytes(tail);
                grown.writeBytes(data);
            }
        } finally {
            data.release();
            release(tail, true); // when the pool refuses, too: a kept receive buffer is one a ring never gets back
        }
        if (grown != null) {
            pendingCharge = grown.capacity();
        }
        return grown;
    }

    /**
     * Copies the unread bytes of {@code in} (a receive buffer) into a fresh pooled buffer of ours and releases
     * {@code in}; null when the input budget is spent.
     */
    private Buf copyOf(Buf in) {
        Buf copy = null;
        try {
            copy = acquireInput(Math.max(in.readableBytes(), http.limits.maxHeadBytes()));
            if (copy != null) {
                copy.writeBytes(in);
                pendingCharge = copy.capacity();
            }
        } finally {
            in.release();
        }
        return copy;
    }

    /**
     * A pooled buffer of at least {@code size} bytes for input of ours, its share of the input budget (its
     * capacity) taken first, so the budget is never exceeded; null when the budget is spent. Throws when the
     * pool refuses (exhausted), the share given back.
     */
    private Buf acquireInput(int size) {
        BufferPool pool = conn.loop().pool();
        long charge = size <= pool.bufferSize() ? pool.bufferSize() : size <= pool.jumboSize() ? pool.jumboSize()
            : (size + BufferPool.PAGE_SIZE - 1L) & -BufferPool.PAGE_SIZE;
        if (!http.budget.tryTake(charge)) {
            return null;
        }
        Buf b;
        try {
            b = pool.acquire(size);
        } catch (RuntimeException e) {
            http.budget.give(charge);
            throw e;
        }
        http.budget.give(charge - b.capacity()); // the share is what the buffer holds, should the pool round
        return b;
    }

    /** Gives back the input budget the {@code /echo} body holds (its buffers are then released or sent). */
    private void giveBody() {
        if (body != null) {
            http.budget.give(body.capacity());
        }
    }

    private void pause(int reason) {
        if (is(LINGERING)) {
            return; // see shut(): a lingering close keeps reading
        }
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

    private boolean is(int flag) {
        return (flags & flag) != 0;
    }

    private void set(int flag, boolean on) {
        flags = (byte) (on ? flags | flag : flags & ~flag);
    }

    private void releaseBuffers() {
        if (pending != null) {
            release(pending, true);
            pending = null;
        }
        if (body != null) {
            giveBody();
            body.release();
        }
    }
}
