package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: curl gets every route right on every backend, in both styles: keep-alive reuse, Content-Length and
// chunked uploads, a large upload answered 100 Continue at once (curl's own Expect), 413 for bodies over the limit
// (with and without Expect: 100-continue), files with 404 and 403 for traversal attempts.
@Timeout(60)
class CurlTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldReuseOneConnectionForSeveralRequests(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            String url = fx.url("/plaintext");
            Clients.Result r = Clients.curl("-v", url, url, url);
            assertEquals(0, r.exit(), r.stderr());
            assertEquals("Hello, World!".repeat(3), r.text());
            assertTrue(r.stderr().contains("Re-using existing connection"), r.stderr());
            assertTrue(r.stderr().contains("< Content-Type: text/plain"), r.stderr());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldEchoContentLengthAndChunkedUploads(BackendKind kind, Style style) throws Exception {
        byte[] data = new byte[200_000];
        new Random(kind.ordinal()).nextBytes(data);
        Path upload = Files.write(root.resolve("upload.bin"), data);
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            Clients.Result plain = Clients.curl("--data-binary", "@" + upload, fx.url("/echo"));
            assertEquals(0, plain.exit(), plain.stderr());
            assertArrayEquals(data, plain.stdout());
            Clients.Result chunked = Clients.curl("-H", "Transfer-Encoding: chunked", "--data-binary", "@" + upload,
                fx.url("/echo"));
            assertEquals(0, chunked.exit(), chunked.stderr());
            assertArrayEquals(data, chunked.stdout());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldContinueALargeUploadWithoutCurlWaiting(BackendKind kind, Style style) throws Exception {
        byte[] data = new byte[(3 << 20) / 2]; // over 1 MiB: curl asks Expect: 100-continue by itself
        new Random(kind.ordinal()).nextBytes(data);
        Path upload = Files.write(root.resolve("large.bin"), data);
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root, 4L << 20)) {
            Clients.Result r = Clients.curl("-v", "--data-binary", "@" + upload, fx.url("/echo"));
            assertEquals(0, r.exit(), r.stderr());
            assertTrue(r.stderr().contains("> Expect: 100-continue"), "curl's default: " + r.stderr());
            assertTrue(r.stderr().contains("< HTTP/1.1 100 Continue"), r.stderr());
            assertFalse(r.stderr().contains("Done waiting for 100-continue"), "curl timed out: " + r.stderr());
            assertArrayEquals(data, r.stdout());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldRefuseBodiesOverTheLimit(BackendKind kind, Style style) throws Exception {
        Path upload = Files.write(root.resolve("big.bin"), new byte[HttpServerFixture.MAX_BODY + 1]);
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            Clients.Result r = Clients.curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "Expect: 100-continue",
                "--data-binary", "@" + upload, fx.url("/echo"));
            assertEquals("413", r.text(), r.stderr());
            Clients.Result unasked = Clients.curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "Expect:",
                "--data-binary", "@" + upload, fx.url("/echo"));
            assertEquals("413", unasked.text(), unasked.stderr());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldServeFilesInsideTheRootOnly(BackendKind kind, Style style) throws Exception {
        byte[] data = new byte[50_000];
        new Random(7).nextBytes(data);
        Files.createDirectories(root.resolve("sub"));
        Files.write(root.resolve("sub/data.bin"), data);
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root.resolve("sub"))) {
            Clients.Result ok = Clients.curl(fx.url("/files/data.bin"));
            assertArrayEquals(data, ok.stdout(), ok.stderr());
            assertEquals("404", status(fx, "/files/missing.bin"));
            assertEquals("403", status(fx, "/files/../upload.bin"));
            assertEquals("403", status(fx, "/files/%2e%2e/%2e%2e/etc/passwd"));
            assertEquals("403", status(fx, "/files/..%2F..%2Fetc%2Fpasswd"));
            assertEquals("404", status(fx, "/nothing-here"));
            fx.assertQuiescent();
        }
    }

    private static String status(HttpServerFixture fx, String path) throws Exception {
        return Clients.curl("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", fx.url(path)).text();
    }
}
