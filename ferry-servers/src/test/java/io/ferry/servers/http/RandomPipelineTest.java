package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.PieceWriter;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a long random pipeline mixing every route (in-place answers, files that complete later, missing files,
// echo bodies with Content-Length or chunked, unknown paths), written in random pieces while the client reads
// with random pauses, is answered in order and byte for byte in both styles, and leaves nothing behind.
@Timeout(60)
class RandomPipelineTest {
    private static final int REQUESTS = 1500;
    private static final byte[] HELLO = Bytes.ascii("Hello, World!");

    /** One request and what must come back for it. */
    private record Exchange(String what, byte[] request, int status, byte[] body) {
    }

    @TempDir
    Path root;

    static Stream<Arguments> cases() {
        return HttpServerFixture.servers().flatMap(a -> Stream.of(1L, 2L).map(seed -> Arguments.of(a.get()[0],
            a.get()[1], seed)));
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void shouldAnswerARandomPipelineInOrder(BackendKind kind, Style style, long seed) throws Exception {
        Random random = new Random(seed);
        byte[] small = randomBytes(random, 1 + random.nextInt(2000));
        byte[] big = randomBytes(random, 100 * 1024 + 17);
        Files.write(root.resolve("small.txt"), small);
        Files.write(root.resolve("big.bin"), big);
        Files.write(root.resolve("empty.txt"), new byte[0]);
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            exchanges.add(next(random, small, big));
        }
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(64 * 1024);
                s.connect(new InetSocketAddress("127.0.0.1", fx.port()));
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                exchanges.forEach(e -> all.writeBytes(e.request));
                PieceWriter writer = new PieceWriter(s, all.toByteArray(), new Random(seed));
                InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
                for (int i = 0; i < exchanges.size(); i++) {
                    Exchange e = exchanges.get(i);
                    String where = "response " + i + " (" + e.what + "), seed " + seed;
                    if (random.nextInt(50) == 0) {
                        Thread.sleep(random.nextInt(30)); // let responses pile up: reading pauses, then resumes
                    }
                    int status = readStatus(in, where);
                    byte[] body = readBody(in, where);
                    assertEquals(e.status, status, where);
                    if (e.body != null) {
                        assertArrayEquals(e.body, body, where);
                    }
                }
                assertNull(writer.await());
            }
            fx.assertQuiescent();
        }
    }

    private static Exchange next(Random random, byte[] small, byte[] big) {
        int pick = random.nextInt(100);
        if (pick < 35) {
            return get("/plaintext", 200, HELLO);
        } else if (pick < 50) {
            return get("/files/small.txt", 200, small);
        } else if (pick < 60) {
            return get("/files/big.bin", 200, big);
        } else if (pick < 65) {
            return get("/files/empty.txt", 200, new byte[0]);
        } else if (pick < 70) {
            return get("/files/missing.txt", 404, null);
        } else if (pick < 75) {
            return get("/nope", 404, null);
        }
        byte[] body = randomBytes(random, random.nextInt(20_000));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        if (pick < 90) {
            request.writeBytes(Bytes.ascii("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length
                + "\r\n\r\n"));
            request.writeBytes(body);
            return new Exchange("echo " + body.length, request.toByteArray(), 200, body);
        }
        request.writeBytes(Bytes.ascii("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"));
        for (int at = 0; at < body.length; ) {
            int n = Math.min(body.length - at, 1 + random.nextInt(5000));
            request.writeBytes(Bytes.ascii(Integer.toHexString(n) + "\r\n"));
            request.write(body, at, n);
            request.writeBytes(Bytes.ascii("\r\n"));
            at += n;
        }
        request.writeBytes(Bytes.ascii("0\r\n\r\n"));
        return new Exchange("chunked echo " + body.length, request.toByteArray(), 200, body);
    }

    private static Exchange get(String target, int status, byte[] body) {
        return new Exchange("GET " + target, Bytes.ascii("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n"), status,
            body);
    }

    private static int readStatus(InputStream in, String where) throws IOException {
        String line = readLine(in, where);
        assertEquals("HTTP/1.1 ", line.substring(0, Math.min(9, line.length())), where + ": " + line);
        return Integer.parseInt(line.substring(9, 12));
    }

    /** Reads the headers and the Content-Length body after them. */
    private static byte[] readBody(InputStream in, String where) throws IOException {
        int length = -1;
        for (String line; !(line = readLine(in, where)).isEmpty(); ) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertTrue(length >= 0, where + ": no Content-Length");
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException(where + ": body ended after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    private static String readLine(InputStream in, String where) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException(where + ": connection ended");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
