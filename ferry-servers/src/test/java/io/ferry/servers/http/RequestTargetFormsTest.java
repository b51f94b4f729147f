package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: the four request-target forms of RFC 9112 section 3.2. An absolute-form target is routed by its path, its
// authority standing in for the Host header (3.2.2), and a connection stays open after it; OPTIONS * is answered 200
// with the server's methods in Allow (3.2.4, RFC 9110 9.3.7); CONNECT, whatever its target, is 501 and a close (this
// is no proxy); an asterisk or authority form with any other method, and an http URI with an empty host, are 400.
// On every backend in both styles.
@Timeout(60)
class RequestTargetFormsTest {
    private static final String HOST = "Host: elsewhere.example\r\n";

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldRouteAbsoluteFormByItsPath(BackendKind kind, Style style) throws Exception {
        Files.write(root.resolve("data.bin"), new byte[] {1, 2, 3});
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            String origin = "http://127.0.0.1:" + fx.port();
            try (RawHttp c = new RawHttp(fx.port())) {
                RawHttp.Response get = c.send("GET " + origin + "/plaintext HTTP/1.1\r\n" + HOST + "\r\n").read();
                assertTrue(get.hasStatus(200), get.head());
                assertEquals("Hello, World!", get.body());
                RawHttp.Response query = c.send("GET HTTP://LOCALHOST/plaintext?x=/y HTTP/1.1\r\n" + HOST + "\r\n")
                    .read();
                assertEquals("Hello, World!", query.body(), query.head());
                RawHttp.Response post = c.send("POST https://[::1]:8443/echo HTTP/1.1\r\n" + HOST
                    + "Content-Length: 4\r\n\r\nping").read();
                assertEquals("ping", post.body(), post.head());
                RawHttp.Response file = c.send("GET " + origin + "/files/data.bin HTTP/1.1\r\n" + HOST + "\r\n").read();
                assertEquals("\u0001\u0002\u0003", file.body(), file.head());
                RawHttp.Response noPath = c.send("GET " + origin + " HTTP/1.1\r\n" + HOST + "\r\n").read();
                assertTrue(noPath.hasStatus(404), noPath.head());
                RawHttp.Response http10 = c.send("GET " + origin + "/plaintext HTTP/1.0\r\n\r\n").read();
                assertEquals("Hello, World!", http10.body(), http10.head());
                assertTrue(c.atEnd());
            }
            assertEquals(1, fx.accepted(), "one connection for all");
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldAnswerOptionsForTheWholeServer(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            try (RawHttp c = new RawHttp(fx.port())) {
                RawHttp.Response r = c.send("OPTIONS * HTTP/1.1\r\n" + HOST + "\r\n").read();
                assertTrue(r.hasStatus(200), r.head());
                assertEquals("GET, HEAD, POST, OPTIONS", r.header("Allow"), r.head());
                assertEquals("0", r.header("Content-Length"), r.head());
                assertNull(r.header("Connection"), "stays open: " + r.head());
                RawHttp.Response resource = c.send("OPTIONS /plaintext HTTP/1.1\r\n" + HOST + "\r\n").read();
                assertTrue(resource.hasStatus(405), resource.head());
                assertEquals("GET, HEAD", resource.header("Allow"), resource.head());
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldRefuseConnectAndMisplacedForms(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            assertClosedWith(fx, 501, "CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n");
            assertClosedWith(fx, 501, "CONNECT /plaintext HTTP/1.1\r\n" + HOST + "\r\n");
            assertClosedWith(fx, 400, "GET * HTTP/1.1\r\n" + HOST + "\r\n");
            assertClosedWith(fx, 400, "GET 127.0.0.1:80 HTTP/1.1\r\n" + HOST + "\r\n");
            assertClosedWith(fx, 400, "OPTIONS 127.0.0.1:80 HTTP/1.1\r\n" + HOST + "\r\n");
            assertClosedWith(fx, 400, "GET http:///plaintext HTTP/1.1\r\n" + HOST + "\r\n");
            assertClosedWith(fx, 400, "GET ftp://host/plaintext HTTP/1.1\r\n" + HOST + "\r\n");
            assertClosedWith(fx, 400, "GET http://127.0.0.1/plaintext HTTP/1.1\r\n\r\n"); // HTTP/1.1 needs Host
            fx.assertQuiescent();
        }
    }

    private static void assertClosedWith(HttpServerFixture fx, int status, String request) throws Exception {
        try (RawHttp c = new RawHttp(fx.port())) {
            RawHttp.Response r = c.send(request).read();
            assertTrue(r.hasStatus(status), request + " got " + r.head());
            assertEquals("close", r.header("Connection"), r.head());
            assertTrue(c.atEnd(), request);
        }
    }
}
