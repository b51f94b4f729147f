package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import io.ferry.file.AsyncFile;
import io.ferry.loop.EventLoop;
import io.ferry.net.blocking.FerrySocket;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One HTTP/1.1 connection of {@link BlockingHttp}, on its virtual thread: reads kernel-filled buffers,
 * lets the {@link RequestReader} answer the requests in them, and flushes once per batch (when no
 * more input is already waiting), so pipelined requests share one gathered write.
 *
 * <p>Memory: received bytes are parsed where they lie; only a request head that straddles reads is
 * copied (into {@code pending}, one pool buffer: a head must fit in one). Responses are written in
 * place into pool buffers from {@link FerrySocket#buffer()}; an {@code /echo} body is copied into a
 * chain of them, and a file is read into them and written as is. Nothing goes through the heap.
 *
 * <p>Timeouts use the socket's read timeout: a head not complete {@code headerTimeout} after its first
 * byte, or a body that stalls for {@code idleTimeout}, gets 408; a connection idle between requests for
 * {@code idleTimeout} is closed; a peer that does not read its responses for {@code idleTimeout} is
 * aborted (write timeout). After an error or {@code Connection: close} the connection lingers: FIN
 * after the last response, then input is dropped until the peer's FIN or the header timeout.
 *
 * <p>Threads: the connection's virtual thread only. {@link IOException}s thrown inside the reader's
 * callbacks travel as {@link UncheckedIOException} and come out of {@link #serve()} unwrapped.
 */
final class BlockingHttpConnection implements RequestReader.Exchange {
    private final FerrySocket socket;
    private final HttpLimits limits;
    private final FileSource files;
    private final InputBudget budget;
    private final RequestReader reader;
    private final long headerTimeoutNanos;
    private final long idleTimeoutNanos;
    private Buf pending;
    /** Input budget taken for {@code pending}. */
    private long pendingCharge;
    private Buf out;
    private final BodyChain body = new BodyChain(this::bodyBuffer);
    private boolean closing;
    private long headDeadline;
    private long readTimeoutNanos = -1;

    BlockingHttpConnection(FerrySocket socket, HttpLimits limits, FileSource files, HttpHeadParser parser,
                           HttpRouter router, InputBudget budget) {
        this.socket = socket;
        this.limits = limits;
        this.files = files;
        this.budget = budget;
        this.reader = new RequestReader(new RequestReader.Shared(limits, parser, router,
            new HttpRequest(limits.maxHeaders()), new HttpDate(), files == null ? null : files.root()), this);
        this.headerTimeoutNanos = limits.headerTimeout().toNanos();
        this.idleTimeoutNanos = limits.idleTimeout().toNanos();
    }

    void serve() throws IOException {
        socket.setWriteTimeout(limits.idleTimeout());
        try {
            for (Buf in; !closing && (in = receive()) != null; ) {
                process(in);
                if (closing || socket.available() == 0) {
                    flush();
                }
            }
            flush();
            if (closing) {
                linger();
            }
        } catch (UncheckedIOException e) {
            throw abortOnTimeout(e.getCause());
        } catch (SocketTimeoutException e) {
            throw abortOnTimeout(e);
        } finally {
            releaseBuffers();
        }
    }

    /** The next received bytes; null at end of stream, or once a timeout has been dealt with. */
    private Buf receive() throws IOException {
        long now = System.nanoTime();
        boolean midHead = !reader.inBody() && pending != null;
        if (midHead && reader.startHeadClock()) {
            headDeadline = now + headerTimeoutNanos;
        }
        long wait = midHead ? headDeadline - now : idleTimeoutNanos;
        try {
            // past the deadline, bytes that arrived while this thread was parked writing still count
            if (wait > 0 || socket.available() > 0) {
                readTimeout(Math.max(wait, 1));
                return socket.read();
            }
        } catch (SocketTimeoutException e) {
            // handled below, as when the deadline had already passed
        }
        if (midHead || reader.inBody()) {
            reader.fail(408);
        }
        return null; // idle between requests: closed without an answer
    }

    /**
     * Answers the requests in {@code in} (taking it, also when a write in the middle fails), keeping an
     * incomplete head in {@code pending}.
     */
    private void process(Buf in) {
        try {
            if (pending != null && !joinPending(in)) {
                return;
            }
            int to = in.writeIndex();
            int at = reader.read(in, in.readIndex(), to);
            if (!closing && at < to) {
                pending = copy(in, at, to);
            }
        } finally {
            in.release();
        }
    }

    /**
     * Feeds {@code in} into the head waiting in {@code pending} until that head is complete; true when
     * bytes of {@code in} remain to be read where they lie.
     */
    private boolean joinPending(Buf in) {
        while (pending != null && in.isReadable() && !closing) {
            Buf p = pending;
            if (p.writableBytes() == 0) {
                long charge = pendingCharge;
                pendingCharge = 0;
                pending = copy(p, p.readIndex(), p.writeIndex()); // move the head to the front of a fresh buffer
                p.release();
                budget.give(charge);
                continue;
            }
            int n = Math.min(in.readableBytes(), p.writableBytes());
            p.setBytes(p.writeIndex(), in, in.readIndex(), n);
            p.writeIndex(p.writeIndex() + n);
            in.skip(n);
            int at = reader.read(p, p.readIndex(), p.writeIndex());
            if (at == p.writeIndex()) {
                pending = releasePending();
            } else {
                p.readIndex(at);
            }
        }
        return in.isReadable() && !closing;
    }

    /**
     * {@code [from, to)} of {@code src} in a fresh pool buffer, its share of the input budget taken (it sets
     * {@code pendingCharge}; the caller gives back any previous one); null after answering 431 when it does not
     * fit, or 503 when the input budget is spent.
     */
    private Buf copy(Buf src, int from, int to) {
        Buf b = inputBuffer();
        if (b == null) {
            return null;
        }
        if (b.writableBytes() <= to - from) {
            budget.give(b.capacity());
            b.release();
            reader.fail(431);
            return null;
        }
        b.setBytes(0, src, from, to - from);
        b.writeIndex(to - from);
        pendingCharge = b.capacity();
        return b;
    }

    /**
     * A pool buffer for input kept, its capacity taken from the input budget; null after answering 503 when the
     * budget is spent. The buffer is the socket's spare for writing, already allocated: taking it holds no more
     * memory until the share is granted, and a refused one goes back at once.
     */
    private Buf inputBuffer() {
        Buf b = buffer();
        if (budget.tryTake(b.capacity())) {
            return b;
        }
        b.release();
        reader.overloaded();
        return null;
    }

    /** The next buffer of an {@code /echo} body, or null (503 answered) when the input budget is spent. */
    private Buf bodyBuffer() {
        return closing ? null : inputBuffer();
    }

    /** Releases {@code pending} and gives back its share of the input budget; returns null. */
    private Buf releasePending() {
        if (pending != null) {
            pending.release();
            budget.give(pendingCharge);
            pendingCharge = 0;
        }
        return null;
    }

    @Override
    public boolean ready() {
        return !closing;
    }

    @Override
    public Buf responseBuffer() {
        Buf o = out;
        if (o == null || o.writableBytes() < HttpResponses.MAX_BYTES) {
            writeOut();
            out = o = buffer();
        }
        return o;
    }

    /** Body bytes of {@code /echo}: copied into a chain of pool buffers. */
    @Override
    public void body(Buf buf, int index, int length) {
        if (!closing) {
            body.append(buf, index, length); // false: refused (503) and closing, the rest is dropped
        }
    }

    @Override
    public void echo(int connection) {
        if (closing) {
            return; // refused (503) while its body arrived
        }
        giveBody(); // handed to the socket: output now, bounded by the write watermarks
        HttpResponses.head(responseBuffer(), 200, HttpResponses.OCTET_STREAM, body.bytes(), reader.date(),
            connection);
        writeOut();
        for (Buf b = body.poll(); b != null; b = body.poll()) {
            write(b);
        }
        answered(connection);
    }

    @Override
    public void file(Path file, int connection, boolean withBody) {
        try {
            sendFile(file, connection, withBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        answered(connection);
    }

    @Override
    public void answered(int connection) {
        if (connection == HttpResponses.CLOSE) {
            closing = true;
        }
    }

    /**
     * Opens the file, writes the head, then (unless for a HEAD) streams the file in pool buffers; writes park
     * while the peer lags.
     */
    private void sendFile(Path path, int connection, boolean withBody) throws IOException {
        FileSource.Opened opened;
        try {
            opened = await(files.open(socket.loop(), path, limits.maxFileBytes()));
        } catch (ExecutionException e) {
            int status = FileSource.status(e.getCause());
            if (status == 500 && !(FileSource.unwrap(e.getCause()) instanceof IOException)) {
                throw new IllegalStateException("GET /files on " + socket + " failed", e.getCause());
            }
            HttpResponses.error(responseBuffer(), status, null, reader.date(), connection, withBody);
            return;
        }
        AsyncFile file = opened.file();
        long size = opened.size();
        try {
            HttpResponses.head(responseBuffer(), 200, HttpResponses.OCTET_STREAM, size, reader.date(), connection);
            writeOut();
            for (long offset = 0; withBody && offset < size; ) {
                Buf chunk = socket.buffer();
                Throwable failed = null;
                try {
                    await(file.read(chunk, offset));
                } catch (ExecutionException e) {
                    failed = e.getCause();
                }
                if (failed != null || !FileSource.trimChunk(chunk, size - offset)) {
                    chunk.release();
                    throw cutShort(FileSource.cutShort(file, socket, offset, size, failed));
                }
                offset += chunk.readableBytes();
                socket.write(chunk);
                socket.flush();
            }
        } finally {
            file.closeAsync();
        }
    }

    /** A response cut short: report it on the loop, and abort so the peer sees a reset, not a short body. */
    private IOException cutShort(IOException e) {
        EventLoop loop = socket.loop();
        loop.execute(() -> loop.reportError(e));
        socket.abort();
        return e;
    }

    private <T> T await(Future<T> f) throws ExecutionException, InterruptedIOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            socket.abort();
            throw new InterruptedIOException("GET /files on " + socket + " interrupted");
        }
    }

    /** After the last response: FIN once it is sent, then drop input until the peer's FIN or the header timeout. */
    private void linger() throws IOException {
        socket.shutdownOutput();
        long end = System.nanoTime() + headerTimeoutNanos;
        try {
            for (long left; (left = end - System.nanoTime()) > 0; ) {
                readTimeout(left);
                Buf b = socket.read();
                if (b == null) {
                    return;
                }
                b.release();
            }
        } catch (SocketTimeoutException e) {
            // the peer did not close in time: close anyway
        }
    }

    private void readTimeout(long nanos) {
        if (nanos != readTimeoutNanos) {
            readTimeoutNanos = nanos;
            socket.setReadTimeout(Duration.ofNanos(nanos));
        }
    }

    private void flush() throws IOException {
        try {
            writeOut();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        socket.flush();
    }

    /** Hands the response buffer over to the socket. */
    private void writeOut() {
        Buf o = out;
        if (o != null) {
            out = null;
            if (o.isReadable()) {
                write(o);
            } else {
                o.release();
            }
        }
    }

    private void write(Buf b) {
        try {
            socket.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Buf buffer() {
        try {
            return socket.buffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A peer that stopped reading its responses is aborted rather than closed after a flush it never reads. */
    private IOException abortOnTimeout(IOException e) {
        if (e instanceof SocketTimeoutException) {
            socket.abort();
        }
        return e;
    }

    private void releaseBuffers() {
        pending = releasePending();
        out = release(out);
        giveBody();
        body.release();
    }

    /** Gives back the input budget the {@code /echo} body holds. */
    private void giveBody() {
        budget.give(body.capacity());
    }

    /** Releases {@code b} unless null; returns null, to clear the field that held it. */
    private static Buf release(Buf b) {
        if (b != null) {
            b.release();
        }
        return null;
    }
}
