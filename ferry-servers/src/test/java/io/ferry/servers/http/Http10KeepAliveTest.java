package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: an HTTP/1.0 request with Connection: keep-alive is answered with Connection: keep-alive and the connection
// stays open for the next request (errors too), and one without it is answered with Connection: close and the
// connection ends (RFC 9112 section 9.3 and appendix C.2.2); on every backend in both styles.
@Timeout(60)
class Http10KeepAliveTest {
    private static final String KEEP_ALIVE = "Connection: keep-alive\r\n";

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldKeepAnHttp10ConnectionThatAsks(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            try (RawHttp c = new RawHttp(fx.port())) {
                for (int i = 0; i < 3; i++) { // each request waits for the previous answer: no pipelining
                    RawHttp.Response get = c.send("GET /plaintext HTTP/1.0\r\n" + KEEP_ALIVE + "\r\n").read();
                    assertTrue(get.hasStatus(200), get.head());
                    assertEquals("keep-alive", get.header("Connection"), get.head());
                    assertEquals("Hello, World!", get.body());
                }
                RawHttp.Response post = c.send("POST /echo HTTP/1.0\r\nConnection: Keep-Alive\r\n"
                    + "Content-Length: 5\r\n\r\nhello").read();
                assertEquals("keep-alive", post.header("Connection"), post.head());
                assertEquals("hello", post.body());
                RawHttp.Response missing = c.send("GET /missing HTTP/1.0\r\n" + KEEP_ALIVE + "\r\n").read();
                assertTrue(missing.hasStatus(404), missing.head());
                assertEquals("keep-alive", missing.header("Connection"), missing.head());
                RawHttp.Response last = c.send("GET /plaintext HTTP/1.0\r\n\r\n").read();
                assertTrue(last.hasStatus(200), last.head());
                assertEquals("close", last.header("Connection"), last.head());
                assertTrue(c.atEnd(), "HTTP/1.0 without keep-alive ends the connection");
            }
            assertEquals(1, fx.accepted());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldCloseAnHttp10ConnectionThatDoesNotAsk(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            try (RawHttp c = new RawHttp(fx.port())) {
                RawHttp.Response r = c.send("GET /plaintext HTTP/1.0\r\n\r\n").read();
                assertEquals("close", r.header("Connection"), r.head());
                assertEquals("Hello, World!", r.body());
                assertTrue(c.atEnd());
            }
            fx.assertQuiescent();
        }
    }
}
