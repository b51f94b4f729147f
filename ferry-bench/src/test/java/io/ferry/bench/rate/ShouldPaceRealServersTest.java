package io.ferry.bench.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.Ferry;
import io.ferry.servers.echo.EchoHandler;
import io.ferry.servers.http.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Purpose: constant-rate load over real loopback sockets against Ferry's echo and HTTP servers in this JVM: every
// request of the measured window is sent, answered and recorded once. Only counts are asserted, not timings.
class ShouldPaceRealServersTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    @Test
    @Timeout(60)
    void shouldPaceEchoAndHttp(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("unused.txt"), "x");
        try (Ferry ferry = Ferry.builder().build()) {
            InetSocketAddress echo =
                (InetSocketAddress) ferry.listen(ANY_PORT, c -> EchoHandler.INSTANCE).localAddress();
            InetSocketAddress http = (InetSocketAddress) ferry.listen(ANY_PORT, HttpServer.create(root)).localAddress();
            // 2,000 req/s over 8 connections for 0.5 s after 0.2 s of warm-up, with up to 20 s to finish
            RateSpec spec = new RateSpec(8, 2000, 200_000_000L, 500_000_000L, 20_000_000_000L);

            for (RateResult r : new RateResult[] {RateLoad.run(echo, new EchoProtocol(64), spec, false),
                RateLoad.run(http, new HttpProtocol("127.0.0.1", "/plaintext"), spec, true)}) {
                assertEquals(1000, r.latency().getTotalCount(), r::toString);
                assertEquals(0, r.unfinished(), r::toString);
                assertEquals(1000, r.generatorLag().getTotalCount(), r::toString);
                System.out.println(r);
            }
        }
    }

    @Test
    void shouldRefuseAnythingButLoopback() {
        assertThrows(IllegalArgumentException.class, () -> RateLoad.run(new InetSocketAddress("192.0.2.1", 80),
            new EchoProtocol(8), RateSpec.of(1, 10, 0, 1), false));
    }
}
