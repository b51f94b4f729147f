package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: ApacheBench with keep-alive (ab -k: HTTP/1.0 and Connection: Keep-Alive) gets every response on a kept
// connection, none failed and none non-2xx, on every backend in both styles.
@Timeout(60)
class ApacheBenchTest {
    private static final int REQUESTS = 2000;
    private static final int CONCURRENCY = 8;

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldKeepAliveForHttp10(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            Clients.Result r = Clients.ab("-k", "-n", Integer.toString(REQUESTS), "-c", Integer.toString(CONCURRENCY),
                "-s", "10", fx.url("/plaintext"));
            String out = r.text();
            assertEquals(0, r.exit(), out + r.stderr());
            assertEquals(REQUESTS, figure(out, "Complete requests"), out);
            assertEquals(0, figure(out, "Failed requests"), out);
            assertTrue(!out.contains("Non-2xx responses"), out);
            assertEquals(REQUESTS, figure(out, "Keep-Alive requests"), out);
            assertTrue(fx.accepted() <= CONCURRENCY, "ab opened " + fx.accepted() + " connections: " + out);
            fx.assertQuiescent();
        }
    }

    private static long figure(String report, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(report);
        assertTrue(m.find(), name + " missing: " + report);
        return Long.parseLong(m.group(1));
    }
}
