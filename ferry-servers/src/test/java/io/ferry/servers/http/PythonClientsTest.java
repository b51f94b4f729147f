package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: Python's urllib.request (a connection per request, Connection: close) and http.client (one kept-alive
// connection for many requests) at their defaults get GET, POST with a body, HEAD and a 404 right, on every backend
// in both styles.
@Timeout(60)
class PythonClientsTest {
    private static final String URLLIB = """
        import sys, urllib.request, urllib.error
        base = sys.argv[1]
        with urllib.request.urlopen(base + "/plaintext", timeout=10) as r:
            assert r.status == 200 and r.read() == b"Hello, World!", r.status
            assert r.headers["Content-Type"] == "text/plain", r.headers
        data = bytes(range(256)) * 400
        with urllib.request.urlopen(base + "/echo", data=data, timeout=10) as r:
            assert r.status == 200 and r.read() == data
        with urllib.request.urlopen(urllib.request.Request(base + "/plaintext", method="HEAD"), timeout=10) as r:
            assert r.status == 200 and r.headers["Content-Length"] == "13" and r.read() == b""
        try:
            urllib.request.urlopen(base + "/missing", timeout=10)
            raise AssertionError("no 404")
        except urllib.error.HTTPError as e:
            assert e.code == 404 and e.read() == b"Not Found", e.code
        print("ok")
        """;
    private static final String HTTP_CLIENT = """
        import sys, http.client
        conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
        sock = None
        for i in range(50):
            conn.request("GET", "/plaintext")
            r = conn.getresponse()
            assert r.status == 200 and r.read() == b"Hello, World!", r.status
            data = bytes([i]) * (1 + i * 997)
            conn.request("POST", "/echo", body=data)
            r = conn.getresponse()
            assert r.status == 200 and r.read() == data, r.status
            sock = sock or conn.sock
            assert conn.sock is sock, "reconnected at request %d" % i
        conn.request("GET", "/missing")
        r = conn.getresponse()
        assert r.status == 404 and r.read() == b"Not Found", r.status
        assert conn.sock is sock
        conn.close()
        print("ok")
        """;

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldAnswerUrllib(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            Clients.Result r = Clients.python(URLLIB, fx.url(""));
            assertEquals(0, r.exit(), r.stderr());
            assertEquals("ok\n", r.text(), r.stderr());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldKeepOneHttpClientConnection(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            Clients.Result r = Clients.python(HTTP_CLIENT, Integer.toString(fx.port()));
            assertEquals(0, r.exit(), r.stderr());
            assertEquals("ok\n", r.text(), r.stderr());
            assertEquals(1, fx.accepted(), "http.client kept one connection");
            fx.assertQuiescent();
        }
    }
}
