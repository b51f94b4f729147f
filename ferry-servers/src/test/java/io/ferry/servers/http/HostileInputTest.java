package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: oversized heads, smuggling pairs, bad chunk sizes and slow or silent clients get their status code and a
// closed connection on every backend in both styles, and nothing after the bad request is answered.
@Timeout(60)
class HostileInputTest {
    private static final String HOST = "Host: t\r\n";
    private static final String NEXT = "GET /plaintext HTTP/1.1\r\n" + HOST + "\r\n";

    @TempDir
    Path root;

    static Stream<Arguments> cases() {
        String[][] inputs = {
            {"431", "GET /plaintext HTTP/1.1\r\n" + HOST + "X-Big: " + "x".repeat(9000) + "\r\n\r\n"},
            {"400", "POST /echo HTTP/1.1\r\n" + HOST + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n"},
            {"400", "POST /echo HTTP/1.1\r\n" + HOST + "Content-Length: 4\r\nContent-Length: 40\r\n\r\nabcd"},
            {"501", "POST /echo HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"},
            {"400", "POST /echo HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabcd\r\n0\r\n\r\n"},
            {"413", "POST /echo HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\nffffffff\r\n"},
            {"400", "GET /plaintext HTTP/1.1\r\n" + HOST + "X: a\r\n b\r\n\r\n"},
            {"400", "GET /plaintext HTTP/1.1\n" + HOST + "\n"},
        };
        return HttpServerFixture.servers().flatMap(ks -> Stream.of(inputs)
            .map(i -> Arguments.of(ks.get()[0], ks.get()[1], i[0], i[1])));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldAnswerStatusThenClose(BackendKind kind, Style style, String status, String request) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            String r = Clients.nc(fx.port(), request + NEXT).text();
            assertTrue(r.startsWith("HTTP/1.1 " + status + " "), r);
            assertTrue(r.contains("Connection: close\r\n"), r);
            assertEquals(1, r.split("HTTP/1.1 ", -1).length - 1, "only one response: " + r);
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldTimeOutAClientSendingOneByteASecond(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            try (Socket s = new Socket("127.0.0.1", fx.port())) {
                s.setSoTimeout(1000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                byte[] slow = NEXT.getBytes(StandardCharsets.US_ASCII);
                long start = System.nanoTime();
                String answer = "";
                for (int i = 0; i < slow.length && answer.isEmpty(); i++) {
                    out.write(slow[i]);
                    out.flush();
                    answer = readWithin(in);
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
                assertTrue(millis < HttpServerFixture.HEADER_TIMEOUT.toMillis() + 2000, millis + " ms");
                assertEquals(-1, in.read(), "closed after the 408");
            }
            fx.assertQuiescent();
        }
    }

    // Purpose: a TLS ClientHello sent to the plain port is refused with 400 and a close as soon as its first bytes
    // arrive, not after the header timeout; the client keeps its connection open meanwhile.
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldRefuseATlsClientHelloAtOnce(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            try (Socket s = new Socket("127.0.0.1", fx.port())) {
                s.setSoTimeout(10_000);
                long start = System.nanoTime();
                byte[] clientHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03};
                s.getOutputStream().write(clientHello);
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
                assertTrue(answer.contains("Connection: close\r\n"), answer);
                assertTrue(millis < HttpServerFixture.HEADER_TIMEOUT.toMillis() / 2, millis + " ms");
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldCloseAnIdleConnection(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            try (Socket s = new Socket("127.0.0.1", fx.port())) {
                s.setSoTimeout(10_000);
                long start = System.nanoTime();
                assertEquals(-1, s.getInputStream().read(), "closed without an answer");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis >= HttpServerFixture.IDLE_TIMEOUT.toMillis() - 100, millis + " ms");
            }
            fx.assertQuiescent();
        }
    }

    /** Whatever arrives within the socket timeout (one second), as text; empty when nothing did. */
    private static String readWithin(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        try {
            int n = in.read(buf);
            return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            return "";
        }
    }
}
