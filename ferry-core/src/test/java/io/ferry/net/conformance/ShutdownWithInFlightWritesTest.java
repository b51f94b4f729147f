package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.net.Listener;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: Ferry.close() with writes stuck behind clients that do not read finishes within the close
// grace, tells every handler, and returns every buffer (TCP, Unix).
@Timeout(30)
class ShutdownWithInFlightWritesTest {
    private static final int CLIENTS = 4;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backendsReceivesAndTransports")
    void shouldShutDownPromptlyWithWritesPending(BackendFixture.BackendReceive backend,
        Transport transport) throws Exception {
        List<Firehose> servers = new CopyOnWriteArrayList<>();
        List<SocketChannel> clients = new ArrayList<>();
        BackendFixture fx = BackendFixture.start(backend, transport, 1, b -> b.closeGrace(200, TimeUnit.MILLISECONDS));
        try {
            Listener l = fx.listen(c -> {
                Firehose f = new Firehose(Long.MAX_VALUE, 1);
                servers.add(f);
                return f;
            });
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(SocketChannel.open(l.localAddress())); // never read
            }
            // the kernel buffers fill up, then every connection keeps bytes queued in Ferry
            BackendFixture.awaitTrue(() -> servers.size() == CLIENTS
                && servers.stream().allMatch(f -> f.pendingNow() > 0));
            for (Firehose f : servers) {
                assertTrue(f.pendingNow() > 0, "writes pending before close");
            }
            long start = System.nanoTime();
            fx.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 5_000, "close took " + millis + " ms");
            assertEquals(CLIENTS, servers.size());
            for (Firehose f : servers) {
                assertTrue(f.closed().isDone(), "every handler hears onClose before close() returns");
            }
            fx.assertPoolsAtBaseline();
            assertTrue(fx.errors().isEmpty(), "errors: " + fx.errors());
        } finally {
            fx.close();
            for (SocketChannel s : clients) {
                s.close();
            }
        }
    }
}
