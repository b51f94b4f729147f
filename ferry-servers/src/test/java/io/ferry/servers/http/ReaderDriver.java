package io.ferry.servers.http;

import io.ferry.servers.SplitReads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drives one connection's {@link RequestReader} without sockets, the way {@link HttpHandler} does: each piece
 * is a read, parsed where it lies, and an incomplete head is carried into the next read in a pool buffer. Each
 * read is handed over in a view exactly as long as the bytes received, so a read past them throws.
 *
 * <p>Records one line per response (status, route, body, connection option; no Date, so runs compare) and
 * asserts the reader's invariants on the way: statuses are ones the server sends, nothing is answered after a
 * {@code Connection: close}, an incomplete head held between reads stays within {@link HttpLimits#maxHeadBytes},
 * a fixed-length body arrives whole and no body exceeds {@link HttpLimits#maxBodyBytes}. Every buffer it takes
 * is released before {@link #read} returns.
 */
final class ReaderDriver implements RequestReader.Exchange, SplitReads.Reader {
    /** Small limits, so that inputs of a few KiB reach them. */
    static final HttpLimits LIMITS = new HttpLimits(128, 8, 1024, 1 << 20, Duration.ofSeconds(10),
        Duration.ofSeconds(60));
    private static final Path ROOT = Path.of("/srv/files");
    private static final Set<Integer> STATUSES = Set.of(100, 200, 400, 403, 404, 405, 413, 417, 431, 501, 505);
    /** Refusals after which the connection cannot go on. */
    private static final Set<Integer> CLOSING = Set.of(413, 417, 431, 501, 505);
    private static final byte[] DATE = Ascii.bytes("Thu, 01 Jan 1970 00:00:00 GMT");
    private final BufferPool pool;
    private final HttpRequest request = new HttpRequest(LIMITS.maxHeaders());
    private final RequestReader reader;
    private final List<String> transcript = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Buf out;
    private boolean closed;
    private int held;

    ReaderDriver(BufferPool pool) {
        this.pool = pool;
        this.reader = new RequestReader(new RequestReader.Shared(LIMITS, new HttpHeadParser(LIMITS), new HttpRouter(),
            request, new HttpDate(), ROOT), this);
    }

    /** Feeds {@code pieces} as successive reads; returns the responses, one line each. */
    List<String> read(byte[]... pieces) {
        SplitReads.feed(pool, this, pieces);
        recordOut(-1);
        return transcript;
    }

    @Override
    public boolean ended() {
        return closed;
    }

    @Override
    public int held() {
        return held;
    }

    /** True when the last read ended between two requests: nothing held, no body under way, not closed. */
    boolean idle() {
        return !closed && held == 0 && !reader.inBody();
    }

    /** Reads what {@code in} holds; returns a copy of an incomplete head to carry over, or null. */
    @Override
    public Buf consume(Buf in) {
        int to = in.writeIndex();
        int at = reader.read(in, 0, to);
        assertTrue(at >= 0 && at <= to, "read stopped at " + at + " of [0, " + to + "]");
        held = closed ? 0 : to - at;
        if (held == 0) {
            return null;
        }
        assertFalse(reader.inBody(), "a body is consumed as it arrives, yet " + held + " bytes were left");
        assertTrue(held <= LIMITS.maxHeadBytes(), "holds " + held + " bytes of an incomplete head, over the "
            + LIMITS.maxHeadBytes() + "-byte limit");
        Buf tail = pool.acquire(held);
        tail.setBytes(0, in, at, held);
        tail.writeIndex(held);
        return tail;
    }

    @Override
    public boolean ready() {
        return !closed;
    }

    @Override
    public Buf responseBuffer() {
        assertFalse(closed, "a response after Connection: close");
        if (out == null) {
            out = pool.acquire(4 * HttpResponses.MAX_BYTES);
        }
        assertTrue(out.writableBytes() >= HttpResponses.MAX_BYTES, "response buffer full");
        return out;
    }

    @Override
    public void body(Buf buf, int index, int length) {
        assertFalse(closed, "body bytes after Connection: close");
        byte[] piece = new byte[length];
        buf.getBytes(index, piece, 0, length);
        body.writeBytes(piece);
        assertTrue(body.size() <= LIMITS.maxBodyBytes(), "body of " + body.size() + " bytes over the limit");
    }

    @Override
    public void echo(int connection) {
        if (!request.isChunked()) {
            assertEquals(Math.max(0, request.contentLength()), body.size(), "echo body length");
        }
        transcript.add("echo " + body.toString(StandardCharsets.ISO_8859_1));
        HttpResponses.head(responseBuffer(), 200, HttpResponses.OCTET_STREAM, body.size(), DATE, connection);
        body.reset();
        answered(connection);
    }

    @Override
    public void file(Path file, int connection, boolean withBody) {
        assertTrue(file.startsWith(ROOT) && !file.equals(ROOT), "file outside the root: " + file);
        transcript.add("file " + file);
        HttpResponses.head(responseBuffer(), 200, HttpResponses.OCTET_STREAM, 0, DATE, connection);
        answered(connection);
    }

    @Override
    public void answered(int connection) {
        assertFalse(closed, "answered after Connection: close");
        recordOut(connection);
        closed = connection == HttpResponses.CLOSE;
    }

    /** One line per status line written since the last call; {@code connection} goes with the last. */
    private void recordOut(int connection) {
        Buf o = out;
        out = null;
        List<Integer> statuses = new ArrayList<>();
        if (o != null) {
            String text = o.toAsciiString();
            o.release();
            for (int i = text.indexOf("HTTP/1.1 "); i >= 0; i = text.indexOf("HTTP/1.1 ", i + 1)) {
                statuses.add(Integer.parseInt(text.substring(i + 9, i + 12)));
            }
        }
        if (connection >= 0 && statuses.isEmpty()) {
            fail("answered without a response");
        }
        for (int i = 0; i < statuses.size(); i++) {
            int status = statuses.get(i);
            assertTrue(STATUSES.contains(status), "status " + status);
            boolean last = i == statuses.size() - 1;
            if (last && CLOSING.contains(status) && connection != HttpResponses.CLOSE) {
                fail("status " + status + " keeps the connection open");
            }
            transcript.add(status + (last && connection >= 0 ? " connection " + connection : ""));
        }
    }
}
