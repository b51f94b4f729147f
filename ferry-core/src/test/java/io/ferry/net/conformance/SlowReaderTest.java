package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.net.Listener;
import io.ferry.net.SocketOptions;
import java.net.StandardSocketOptions;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: against a slow reader the writability flag flips, nothing is lost or reordered, and the
// server's write backlog stays near the high watermark (TCP, Unix).
@Timeout(60)
class SlowReaderTest {
    private static final long TOTAL = 24L * 1024 * 1024;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backendsReceivesAndTransports")
    void shouldHonourWatermarksAgainstSlowReader(BackendFixture.BackendReceive backend,
        Transport transport) throws Exception {
        CompletableFuture<Firehose> server = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(backend, transport, 1)) {
            SocketOptions options = fx.ferry().socketOptions();
            Listener l = fx.ferry().listen(fx.listenAddress(), options, c -> {
                Firehose f = new Firehose(TOTAL, 9);
                server.complete(f);
                return f;
            });
            long received = 0;
            try (SocketChannel s = Transport.unconnected(l.localAddress())) {
                s.setOption(StandardSocketOptions.SO_RCVBUF, 16 * 1024);
                s.connect(l.localAddress());
                Thread.sleep(300); // let the kernel buffers fill so the server hits its high watermark
                received = BackendFixture.readSlowlyChecking(Channels.newInputStream(s), 9);
            }
            Firehose f = server.get(10, TimeUnit.SECONDS);
            assertNull(f.closed().get(10, TimeUnit.SECONDS), "orderly close");
            assertEquals(TOTAL, received, "bytes received");
            assertEquals(TOTAL, f.written(), "bytes written");
            assertTrue(f.writableEvents() >= 1, "writability never flipped back");
            long bound = options.writeHighWatermark() + fx.ferry().loops().get(0).pool().bufferSize();
            assertTrue(f.maxPending() <= bound, "backlog " + f.maxPending() + " exceeded " + bound);
            fx.assertQuiescent();
        }
    }
}
