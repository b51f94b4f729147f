package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.Backends;
import io.ferry.servers.LoopChecks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** A RESP server on one backend on 127.0.0.1, and helpers that run real clients (redis-cli, nc) against it. */
final class RespServerFixture implements AutoCloseable {
    private final Ferry ferry;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final int port;

    RespServerFixture(BackendKind kind) throws IOException {
        this(kind, new RespServer(RespServer.DEFAULT_MAX_BULK));
    }

    RespServerFixture(BackendKind kind, RespServer server) throws IOException {
        ferry = Ferry.builder().backend(kind).loops(2).errorHandler(errors::add).build();
        port = ((InetSocketAddress) ferry.listen(new InetSocketAddress("127.0.0.1", 0), server).localAddress())
            .getPort();
    }

    /** Every concrete backend that runs here. */
    static Stream<BackendKind> backends() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO)
            .filter(k -> Backends.availability(k).available());
    }

    int port() {
        return port;
    }

    /** Bytes of pool memory in use on the loops now. */
    long bytesInUse() {
        return LoopChecks.bytesInUse(ferry);
    }

    /** Connections open on the loops now. */
    long openConnections() {
        return ferry.stats().openConnections();
    }

    /** Waits (bounded by {@code maxNanos}) until {@code n} connections are open. */
    boolean awaitConnections(int n, long maxNanos) throws InterruptedException {
        return LoopChecks.awaitConnections(ferry, n, maxNanos);
    }

    String poolStats() {
        return LoopChecks.poolStats(ferry);
    }

    /** Waits (bounded) for every connection to close and every buffer to come back, then asserts it. */
    void assertQuiescent() throws InterruptedException {
        LoopChecks.assertQuiescent(ferry, errors);
    }

    static void assumeTool(String tool) {
        Assumptions.assumeTrue(Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(d -> Files.isExecutable(Path.of(d, tool))), tool + " is not installed (.ci/run installs it)");
    }

    /** Runs {@code command} with {@code input} on stdin (null: none); returns stdout, failing on a timeout. */
    static String run(byte[] input, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            try (var in = p.getOutputStream()) {
                in.write(input);
            }
        } else {
            p.getOutputStream().close();
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** redis-cli against this server with {@code args}. */
    String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        cmd.addAll(List.of(args));
        return run(null, cmd.toArray(String[]::new));
    }

    /** Sends {@code input} with nc and returns all it got back until the server closed or 1 s of quiet. */
    String nc(String input) throws IOException, InterruptedException {
        return run(input.getBytes(StandardCharsets.ISO_8859_1), "nc", "-q", "1", "127.0.0.1", String.valueOf(port));
    }

    /** Checks that the loops are back at baseline (no connection, no buffer in use, no error), then stops them. */
    @Override
    public void close() {
        try {
            assertQuiescent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ferry.close();
        }
    }
}
