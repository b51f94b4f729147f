package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: 10,000 concurrent connections, each served by its own virtual thread through the blocking
// API, exchange small messages within a time bound, and the loops end at baseline. The clients run in
// a second JVM (EchoClientProcess) so that each process needs 10,000 descriptors, not 20,000; .ci/run
// raises the soft limit to the hard one. Where fewer than 11,000 descriptors are allowed, the count
// shrinks to fit (and the test is skipped below 2,000).
@Timeout(150)
class BlockingTenThousandConnectionsTest {
    private static final int TARGET = 10_000;
    private static final int MESSAGES = 3;
    private static final int SPARE_DESCRIPTORS = 1_000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldServeTenThousandVirtualThreadConnections(BackendKind kind) throws Exception {
        int n = connections();
        Assumptions.assumeTrue(n >= 2_000, "only " + n + " connections fit under the descriptor limit");
        AtomicInteger peak = new AtomicInteger();
        try (BackendFixture fx = BackendFixture.start(kind, 2);
             FerryServer server = BlockingServers.bindCountingEcho(fx, peak)) {
            String out = runClients(((InetSocketAddress) server.localAddress()).getPort(), n);
            assertEquals("ok " + n, out.strip(), "client process");
            assertEquals(n, peak.get(), "connections served at once");
            fx.assertQuiescent();
        }
    }

    /** Runs the client JVM (bounded: destroyed by its own handle after 120 s) and returns its output. */
    private static String runClients(int port, int n) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
            EchoClientProcess.class.getName(), Integer.toString(port), Integer.toString(n), Integer.toString(MESSAGES)))
            .redirectErrorStream(true).start();
        boolean exited = p.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, "client process still running after 120 s: " + out);
        return out;
    }

    /** One descriptor per connection in each process, plus some for the JVM, rings and listeners. */
    private static int connections() {
        long limit = BlockingServers.descriptorLimit();
        return (int) Math.min(TARGET, limit - SPARE_DESCRIPTORS);
    }
}
