package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.Pipeliner;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a peer that pipelines requests and never reads is aborted after the idle timeout (the write timeout),
// not earlier after the header timeout because unread requests wait in the server, and nothing is left behind.
@Timeout(60)
class SlowReaderTimeoutTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(250);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(1500);
    private static final int REQUESTS = 100_000;
    private static final long WAIT_NANOS = Duration.ofSeconds(20).toNanos();

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldAbortAPeerThatStopsReadingAfterTheIdleTimeout(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root, HEADER_TIMEOUT, IDLE_TIMEOUT)) {
            long start = System.nanoTime();
            try (Pipeliner client = new Pipeliner(fx.port(), HttpServerFixture.paddedGet("/plaintext"), REQUESTS)) {
                assertTrue(fx.awaitConnections(1, WAIT_NANOS), "never accepted");
                assertTrue(fx.awaitConnections(0, WAIT_NANOS), "never aborted");
                long aborted = System.nanoTime() - start;
                // the server's last progress came after start, so an abort on time comes after start + idle
                assertTrue(aborted >= IDLE_TIMEOUT.toNanos(),
                    "aborted " + aborted / 1_000_000 + " ms after connecting, before the idle timeout");
                int answered = client.countResponses(REQUESTS, (byte) '!');
                assertTrue(answered < REQUESTS, "every request answered, though the connection was aborted");
            }
            fx.assertQuiescent();
        }
    }
}
