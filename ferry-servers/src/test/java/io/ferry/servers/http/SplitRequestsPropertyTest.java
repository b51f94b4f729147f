package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

// Purpose: pipelined valid requests split at random points parse to the same heads and bodies as in one piece.
class SplitRequestsPropertyTest {
    private static final HttpLimits LIMITS = HttpLimits.defaults();

    @Provide
    Arbitrary<String> request() {
        Arbitrary<String> body = Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(40);
        Arbitrary<String> header = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)
            .map(v -> "X-" + v + ": " + v + "\r\n");
        Arbitrary<String> get = header.list().ofMaxSize(4)
            .map(hs -> "GET /plaintext HTTP/1.1\r\nHost: h\r\n" + String.join("", hs) + "\r\n");
        Arbitrary<String> fixed = body.map(b -> "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: " + b.length()
            + "\r\n\r\n" + b);
        Arbitrary<String> chunked = body.list().ofMaxSize(4).map(SplitRequestsPropertyTest::chunked);
        return Arbitraries.oneOf(get, fixed, chunked);
    }

    private static String chunked(List<String> chunks) {
        StringBuilder s = new StringBuilder("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (String c : chunks) {
            if (!c.isEmpty()) {
                s.append(Integer.toHexString(c.length())).append("\r\n").append(c).append("\r\n");
            }
        }
        return s.append("0\r\n\r\n").toString();
    }

    @Provide
    Arbitrary<Input> input() {
        return Combinators.combine(request().list().ofMinSize(1).ofMaxSize(5),
            Arbitraries.integers().between(1, 10_000).set().ofMaxSize(12)).as(Input::new);
    }

    record Input(List<String> requests, Set<Integer> cuts) {
    }

    @Property(tries = 300)
    void shouldParseIdenticallyHoweverSplit(@ForAll("input") Input input) {
        byte[] all = String.join("", input.requests()).getBytes(StandardCharsets.US_ASCII);
        try (BufferPool pool = BufferPool.create()) {
            List<String> whole = new Reader(pool).read(List.of(all));
            List<byte[]> pieces = new ArrayList<>();
            int from = 0;
            for (int cut : new TreeSet<>(input.cuts())) {
                if (cut < all.length) {
                    pieces.add(Arrays.copyOfRange(all, from, cut));
                    from = cut;
                }
            }
            pieces.add(Arrays.copyOfRange(all, from, all.length));
            assertEquals(input.requests().size(), whole.size());
            assertEquals(whole, new Reader(pool).read(pieces));
            assertEquals(0, pool.stats().inUse());
        }
    }

    /** Feeds pieces as reads, keeping the unparsed tail like the server; yields "METHOD target body" per request. */
    private static final class Reader {
        private final BufferPool pool;
        private final HttpHeadParser parser = new HttpHeadParser(LIMITS);
        private final HttpRequest request = new HttpRequest(LIMITS.maxHeaders());
        private final BodyDecoder decoder = new BodyDecoder(LIMITS);
        private final List<String> out = new ArrayList<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private String head;
        private int scanned;

        Reader(BufferPool pool) {
            this.pool = pool;
        }

        List<String> read(List<byte[]> pieces) {
            byte[] tail = new byte[0];
            for (byte[] piece : pieces) {
                byte[] joined = Arrays.copyOf(tail, tail.length + piece.length);
                System.arraycopy(piece, 0, joined, tail.length, piece.length);
                Buf in = Bytes.buf(pool, joined);
                int at = consume(in, 0, joined.length);
                tail = Arrays.copyOfRange(joined, at, joined.length);
                in.release();
            }
            assertEquals(0, tail.length, "unparsed bytes left");
            return out;
        }

        private int consume(Buf in, int from, int to) {
            int at = from;
            while (at < to) {
                if (head == null) {
                    int end = parser.parse(in, at, to, scanned, request);
                    if (end == HttpHeadParser.NEED_MORE) {
                        scanned = to - at;
                        return at;
                    }
                    scanned = 0;
                    assertEquals(true, end > 0, "status " + -end);
                    head = request.method(in) + " " + request.target(in);
                    if (request.isChunked()) {
                        decoder.startChunked();
                    } else {
                        decoder.startFixed(Math.max(0, request.contentLength()));
                    }
                    at = end;
                } else {
                    at = decoder.decode(in, at, to, (b, i, n) -> {
                        byte[] piece = new byte[n];
                        b.getBytes(i, piece, 0, n);
                        body.writeBytes(piece);
                    });
                    assertEquals(true, at >= 0, "status " + -at);
                }
                if (head != null && decoder.isDone()) {
                    out.add(head + " " + body.toString(StandardCharsets.US_ASCII));
                    body.reset();
                    head = null;
                }
            }
            return at;
        }
    }
}
