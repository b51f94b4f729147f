package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: HEAD answers every GET route with the GET's status and headers and no body (RFC 9110 9.3.2), errors
// included, and the next pipelined request is answered right after; an unknown method is 501 and a close (methods
// are case-sensitive, so "get" is unknown; an unknown method may frame its body differently), a known one the
// route does not take 405 with Allow; on every backend in both styles.
@Timeout(60)
class HeadAndUnknownMethodsTest {
    private static final String HOST = "Host: t\r\n";
    private static final String LAST = "GET /plaintext HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n";
    private static final String HELLO = "Hello, World!";

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldAnswerHeadWithoutABody(BackendKind kind, Style style) throws Exception {
        Files.write(root.resolve("data.bin"), new byte[12_345]);
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            String r = Clients.nc(fx.port(), "HEAD /plaintext HTTP/1.1\r\n" + HOST + "\r\n"
                + "HEAD /files/data.bin HTTP/1.1\r\n" + HOST + "\r\n"
                + "HEAD /files/missing.bin HTTP/1.1\r\n" + HOST + "\r\n"
                + LAST).text();
            String[] responses = r.split("(?=HTTP/1\\.1 )");
            assertEquals(4, responses.length, r);
            assertTrue(responses[0].startsWith("HTTP/1.1 200 OK\r\n"), r);
            assertTrue(responses[0].contains("Content-Length: 13\r\n"), r);
            assertTrue(responses[0].endsWith("\r\n\r\n"), "no body after the head: " + r);
            assertTrue(responses[1].startsWith("HTTP/1.1 200 OK\r\n"), r);
            assertTrue(responses[1].contains("Content-Length: 12345\r\n"), r);
            assertTrue(responses[1].endsWith("\r\n\r\n"), "no file bytes after the head: " + r);
            assertTrue(responses[2].startsWith("HTTP/1.1 404 "), r);
            assertTrue(responses[2].endsWith("\r\n\r\n"), "no error body for HEAD: " + r);
            assertTrue(responses[3].startsWith("HTTP/1.1 200 OK\r\n") && responses[3].endsWith(HELLO), r);
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldAnswerUnknownMethodsWith501(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            for (String method : new String[] {"BREW", "get"}) {
                String r = Clients.nc(fx.port(), method + " /plaintext HTTP/1.1\r\n" + HOST + "\r\n" + LAST).text();
                assertTrue(r.startsWith("HTTP/1.1 501 Not Implemented\r\n"), r);
                assertTrue(r.contains("Connection: close\r\n"), r);
                assertTrue(r.endsWith("\r\n\r\nNot Implemented"), "a one-line reason as body, then nothing: " + r);
            }
            String r = Clients.nc(fx.port(), "DELETE /plaintext HTTP/1.1\r\n" + HOST + "\r\n" + LAST).text();
            String[] responses = r.split("(?=HTTP/1\\.1 )");
            assertEquals(2, responses.length, r);
            assertTrue(responses[0].startsWith("HTTP/1.1 405 "), r);
            assertTrue(responses[0].contains("Allow: GET, HEAD\r\n"), r);
            assertTrue(responses[1].endsWith(HELLO), r);
            fx.assertQuiescent();
        }
    }
}
