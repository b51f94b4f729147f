package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

// Purpose: Java's java.net.http.HttpClient at its defaults (it prefers HTTP/2 and so asks for an h2c upgrade, which
// the server ignores) gets GETs, POSTs with a body and 404s right over one kept-alive HTTP/1.1 connection, on every
// backend in both styles.
@Timeout(60)
class JavaHttpClientTest {
    private static final int REQUESTS = 50;

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldServeManyRequestsOverOneConnection(BackendKind kind, Style style) throws Exception {
        Random random = new Random(kind.ordinal() * 2L + style.ordinal());
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            try (HttpClient client = HttpClient.newHttpClient()) {
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
            }
            fx.assertQuiescent();
        }
    }

    private static java.net.http.HttpRequest.Builder request(HttpServerFixture fx, String path) {
        return java.net.http.HttpRequest.newBuilder(URI.create(fx.url(path)));
    }
}
