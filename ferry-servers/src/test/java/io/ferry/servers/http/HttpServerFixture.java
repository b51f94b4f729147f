package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.backend.Backends;
import io.ferry.buffer.PoolStats;
import io.ferry.loop.EventLoop;
import io.ferry.net.blocking.FerryServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The HTTP integration tests' fixture: the server in one style (loop handlers or a virtual thread per
 * connection) on one backend on 127.0.0.1 (ephemeral port), with
 * short timeouts (header 1.5 s, idle 2 s, unless given) and a 256 KiB body limit, and the end-of-test check that the
 * loops are back at baseline (no connection open, no buffer in use, no error reported).
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
    private static final long SETTLE_NANOS = 10_000_000_000L;
    private final Ferry ferry;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final int port;

    HttpServerFixture(BackendKind kind, Style style, Path root) throws IOException {
        this(kind, style, root, HEADER_TIMEOUT, IDLE_TIMEOUT);
    }

    HttpServerFixture(BackendKind kind, Style style, Path root, Duration headerTimeout, Duration idleTimeout)
        throws IOException {
        ferry = Ferry.builder().backend(kind).loops(1).errorHandler(errors::add).build();
        HttpLimits limits = HttpLimits.defaults().withTimeouts(headerTimeout, idleTimeout).withMaxBodyBytes(MAX_BODY);
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        try {
            port = (style == Style.HANDLER ? ferry.listen(any, new HttpServer(limits, root)).localAddress()
                : FerryServer.bind(ferry, any, new BlockingHttp(limits, root)).localAddress()).getPort();
        } catch (IOException | RuntimeException e) {
            ferry.close();
            throw e;
        }
    }

    /** Every concrete backend that runs here. */
    static Stream<BackendKind> backends() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO)
            .filter(k -> Backends.of(k).availability().available());
    }

    /** Every concrete backend that runs here, with each style. */
    static Stream<Arguments> servers() {
        return backends().flatMap(k -> Stream.of(Style.values()).map(s -> Arguments.of(k, s)));
    }

    /** Waits (bounded by {@code maxNanos}) until {@code n} connections are open on all loops together. */
    boolean awaitConnections(int n, long maxNanos) throws InterruptedException {
        long deadline = System.nanoTime() + maxNanos;
        while (System.nanoTime() - deadline < 0) {
            if (ferry.loops().loops().stream().mapToInt(l -> l.await(l::openResources)).sum() == n) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Bytes of pool memory in use on all loops now (receive, cumulation and response buffers). */
    long bytesInUse() {
        long n = 0;
        for (EventLoop loop : ferry.loops().loops()) {
            n += loop.await(() -> loop.pool().stats().bytesInUse());
        }
        return n;
    }

    /** The loops' pool statistics, for failure messages. */
    String poolStats() {
        StringBuilder out = new StringBuilder();
        for (EventLoop loop : ferry.loops().loops()) {
            out.append(loop.name()).append(' ').append(loop.await(() -> loop.pool().stats()));
        }
        return out.toString();
    }

    /** Waits (bounded) for every connection to close and every buffer to come back, then asserts it. */
    void assertQuiescent() throws InterruptedException {
        for (EventLoop loop : ferry.loops().loops()) {
            long deadline = System.nanoTime() + SETTLE_NANOS;
            while (!loop.await(() -> loop.openResources() == 0 && loop.pool().stats().inUse() == 0)
                && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
            assertEquals(0, (int) loop.await(loop::openResources), loop.name() + " open connections");
            PoolStats stats = loop.await(() -> loop.pool().stats());
            assertEquals(0, stats.inUse(), loop.name() + " buffers in use: " + stats);
        }
        assertTrue(errors.isEmpty(), "errors reported on the loops: " + errors);
    }

    @Override
    public void close() {
        ferry.close();
    }
}
