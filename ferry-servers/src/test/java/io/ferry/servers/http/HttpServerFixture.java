package io.ferry.servers.http;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.Backends;
import io.ferry.net.blocking.FerryServer;
import io.ferry.servers.LoopChecks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The HTTP integration tests' fixture: the server in one style (loop handlers or a virtual thread per
 * connection) on one backend on 127.0.0.1 (ephemeral port), with short timeouts (header 1.5 s, idle 2 s,
 * unless given) and a 256 KiB body limit, and the end-of-test check that the loops are back at baseline
 * (no connection open, no buffer in use, no error reported).
 */
final class HttpServerFixture implements AutoCloseable {
    /** The two front ends over the same protocol code. */
    enum Style {
        /** {@link HttpServer}: loop callbacks. */
        HANDLER,
        /** {@link BlockingHttp}: a virtual thread per connection ({@code --style blocking}). */
        BLOCKING
    }


    static final Duration HEADER_TIMEOUT = Duration.ofMillis(1500);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_BODY = 256 * 1024;
    private final Ferry ferry;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final int port;

    HttpServerFixture(BackendKind kind, Style style, Path root) throws IOException {
        this(kind, style, root, HEADER_TIMEOUT, IDLE_TIMEOUT);
    }

    HttpServerFixture(BackendKind kind, Style style, Path root, Duration headerTimeout, Duration idleTimeout)
        throws IOException {
        this(kind, style, root, HttpLimits.defaults().withTimeouts(headerTimeout, idleTimeout)
            .withMaxBodyBytes(MAX_BODY), HttpServer.DEFAULT_INPUT_BUDGET);
    }

    /** A server with the fixture's timeouts and a body limit of {@code maxBody} bytes. */
    HttpServerFixture(BackendKind kind, Style style, Path root, long maxBody) throws IOException {
        this(kind, style, root, HttpLimits.defaults().withTimeouts(HEADER_TIMEOUT, IDLE_TIMEOUT)
            .withMaxBodyBytes(maxBody), HttpServer.DEFAULT_INPUT_BUDGET);
    }

    /** With an input budget of {@code inputBudget} bytes (see {@link HttpServer#withInputBudget}). */
    HttpServerFixture(BackendKind kind, Style style, Path root, Duration headerTimeout, Duration idleTimeout,
                      long inputBudget) throws IOException {
        this(kind, style, root, HttpLimits.defaults().withTimeouts(headerTimeout, idleTimeout)
            .withMaxBodyBytes(MAX_BODY), inputBudget);
    }

    private HttpServerFixture(BackendKind kind, Style style, Path root, HttpLimits limits, long inputBudget)
        throws IOException {
        ferry = Ferry.builder().backend(kind).loops(1).errorHandler(errors::add).build();
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        try {
            SocketAddress at = style == Style.HANDLER
                ? ferry.listen(any, new HttpServer(limits, root).withInputBudget(inputBudget)).localAddress()
                : FerryServer.bind(ferry, any, new BlockingHttp(limits, root).withInputBudget(inputBudget))
                    .localAddress();
            port = ((InetSocketAddress) at).getPort();
        } catch (IOException | RuntimeException e) {
            ferry.close();
            throw e;
        }
    }

    /** Every concrete backend that runs here. */
    static Stream<BackendKind> backends() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO)
            .filter(k -> Backends.availability(k).available());
    }

    /** Every concrete backend that runs here, with each style. */
    static Stream<Arguments> servers() {
        return backends().flatMap(k -> Stream.of(Style.values()).map(s -> Arguments.of(k, s)));
    }

    /** A GET of {@code target} padded to about 250 bytes, for pipelining tests. */
    static byte[] paddedGet(String target) {
        return Bytes.ascii("GET " + target + " HTTP/1.1\r\nHost: t\r\nX-Pad: " + "p".repeat(200) + "\r\n\r\n");
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    long bytesInUse() {
        return LoopChecks.bytesInUse(ferry);
    }

    String poolStats() {
        return LoopChecks.poolStats(ferry);
    }

    /** Connections accepted since the server started. */
    long accepted() {
        return ferry.stats().accepted();
    }

    boolean awaitConnections(int n, long maxNanos) throws InterruptedException {
        return LoopChecks.awaitConnections(ferry, n, maxNanos);
    }

    /** Waits (bounded) for every connection to close and every buffer to come back, then asserts it. */
    void assertQuiescent() throws InterruptedException {
        LoopChecks.assertQuiescent(ferry, errors);
    }

    @Override
    public void close() {
        ferry.close();
    }
}
