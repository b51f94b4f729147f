package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: every response carries Date (an IMF-fixdate), Server and Content-Type, whatever its status: each route's
// success, HEAD, and every error the server sends (400, 403, 404, 405, 408, 413, 417, 431, 501, 505); on every
// backend in both styles.
@Timeout(60)
class ResponseHeadersTest {
    private static final String HOST = "Host: t\r\n";
    private static final String[][] EXCHANGES = {
        {"200", "GET /plaintext HTTP/1.1\r\n" + HOST + "\r\n"},
        {"200", "POST /echo HTTP/1.1\r\n" + HOST + "Content-Length: 0\r\n\r\n"},
        {"200", "POST /echo HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\n\r\nabc"},
        {"200", "GET /files/data.bin HTTP/1.1\r\n" + HOST + "\r\n"},
        {"400", "GET /plaintext HTTP/1.1\r\n\r\n"},
        {"400", "GET /plaintext HTTP/1.1\r\n" + HOST + "Bad Header\r\n\r\n"},
        {"403", "GET /files/%2e%2e/secret HTTP/1.1\r\n" + HOST + "\r\n"},
        {"404", "GET /files/missing.bin HTTP/1.1\r\n" + HOST + "\r\n"},
        {"404", "GET /nothing HTTP/1.1\r\n" + HOST + "\r\n"},
        {"405", "DELETE /plaintext HTTP/1.1\r\n" + HOST + "\r\n"},
        {"413", "POST /echo HTTP/1.1\r\n" + HOST + "Content-Length: 999999999\r\n\r\n"},
        {"417", "POST /echo HTTP/1.1\r\n" + HOST + "Expect: teapot\r\nContent-Length: 1\r\n\r\nx"},
        {"431", "GET /plaintext HTTP/1.1\r\n" + HOST + ("X-Many: y\r\n").repeat(200) + "\r\n"},
        {"501", "BREW /plaintext HTTP/1.1\r\n" + HOST + "\r\n"},
        {"505", "GET /plaintext HTTP/2.0\r\n" + HOST + "\r\n"},
        {"408", "GET /plaintext HTTP/1.1\r\n" + HOST},
    };

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldSendDateServerAndContentTypeOnEveryResponse(BackendKind kind, Style style) throws Exception {
        Files.write(root.resolve("data.bin"), new byte[1000]);
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            for (String[] exchange : EXCHANGES) {
                try (RawHttp c = new RawHttp(fx.port())) {
                    assertHeaders(exchange[0], c.send(exchange[1]).read());
                }
            }
            try (RawHttp c = new RawHttp(fx.port())) {
                assertHeaders("200", c.send("HEAD /plaintext HTTP/1.1\r\n" + HOST + "\r\n").read(false));
                assertHeaders("404", c.send("HEAD /nothing HTTP/1.1\r\n" + HOST + "\r\n").read(false));
                assertHeaders("200", c.send("GET /plaintext HTTP/1.0\r\n\r\n").read());
            }
            fx.assertQuiescent();
        }
    }

    private static void assertHeaders(String status, RawHttp.Response r) {
        assertNotNull(r, "no response, expected " + status);
        assertTrue(r.head().startsWith("HTTP/1.1 " + status + " "), r.head());
        assertEquals("ferry", r.header("Server"), r.head());
        assertNotNull(r.header("Content-Type"), r.head());
        String date = r.header("Date");
        assertNotNull(date, r.head());
        ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME); // an IMF-fixdate parses as RFC 1123
        assertTrue(date.endsWith(" GMT"), date);
    }
}
