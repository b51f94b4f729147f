package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: Java's java.net.http.HttpClient, at its defaults (it prefers HTTP/2, so every request on a new connection
// offers an h2c upgrade, which the server ignores) and set to HTTP/1.1, gets GETs, POSTs with a body and a 404 right
// over one kept-alive HTTP/1.1 connection, on every backend in both styles.
@Timeout(60)
class JavaHttpClientTest {
    private static final int REQUESTS = 50;

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldServeTheDefaultClientOverOneConnection(BackendKind kind, Style style) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            exchange(client, kind, style);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldServeAnHttp11ClientOverOneConnection(BackendKind kind, Style style) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            exchange(client, kind, style);
        }
    }

    /** GETs, POSTs with bodies up to 100 KB and a 404, one after another: one connection for all. */
    private void exchange(HttpClient client, BackendKind kind, Style style) throws Exception {
        Random random = new Random(kind.ordinal() * 2L + style.ordinal());
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<String> get = client.send(request(fx, "/plaintext").GET().build(),
                    BodyHandlers.ofString());
                assertEquals(200, get.statusCode());
                assertEquals(HttpClient.Version.HTTP_1_1, get.version());
                assertEquals("Hello, World!", get.body());
                assertEquals("text/plain", get.headers().firstValue("content-type").orElse(null));
                byte[] data = new byte[1 + random.nextInt(100_000)];
                random.nextBytes(data);
                HttpResponse<byte[]> post = client.send(request(fx, "/echo").POST(BodyPublishers.ofByteArray(data))
                    .build(), BodyHandlers.ofByteArray());
                assertEquals(200, post.statusCode());
                assertArrayEquals(data, post.body());
            }
            HttpResponse<String> missing = client.send(request(fx, "/missing").GET().build(),
                BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
            assertEquals("Not Found", missing.body());
            assertEquals(1, fx.accepted(), "every request on one kept-alive connection");
            client.close(); // closes the pooled connection; the server must see it go
            fx.assertQuiescent();
        }
    }

    private static java.net.http.HttpRequest.Builder request(HttpServerFixture fx, String path) {
        return java.net.http.HttpRequest.newBuilder(URI.create(fx.url(path)));
    }
}
