package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.FerryStats;
import io.ferry.LoopStats;
import io.ferry.backend.BackendKind;
import io.ferry.net.Listener;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: Ferry.stats() counts what happened, exactly: connections accepted and closed, bytes in and out, and
// the kernel entries and wake-ups behind them, on every backend.
@Timeout(60)
class StatsCountTest {
    private static final int CONNECTIONS = 5;
    private static final int BYTES = 100_000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backendsAndReceiveStrategies")
    void shouldCountConnectionsBytesAndKernelEntries(BackendFixture.BackendReceive backend) throws Exception {
        try (BackendFixture fx = BackendFixture.start(backend, 1)) {
            Listener l = fx.listen(c -> (conn, data) -> conn.writeAndFlush(data));
            LoopStats before = fx.ferry().stats().loops().get(0);
            for (int i = 0; i < CONNECTIONS; i++) {
                byte[] payload = BackendFixture.pattern(BYTES, i);
                assertArrayEquals(payload, BackendFixture.echoThrough(l.localAddress(), payload));
            }
            fx.assertQuiescent();
            FerryStats stats = fx.ferry().stats();
            LoopStats after = stats.loops().get(0);
            assertEquals(0, before.accepted(), before.toString());
            assertEquals(CONNECTIONS, after.accepted(), after.toString());
            assertEquals(CONNECTIONS, after.opened(), after.toString());
            assertEquals(CONNECTIONS, after.closed(), after.toString());
            assertEquals((long) CONNECTIONS * BYTES, after.bytesIn(), after.toString());
            assertEquals((long) CONNECTIONS * BYTES, after.bytesOut(), after.toString());
            assertEquals(0, after.openConnections(), after.toString());
            assertTrue(after.kernelEntries() > before.kernelEntries(), after.toString());
            assertTrue(after.wakeups() > before.wakeups() && after.events() > before.events(), after.toString());
            assertTrue(after.eventsPerWakeup() > 0, after.toString());
            if (backend.kind() == BackendKind.URING) {
                assertTrue(after.submitCalls() > 0 && after.meanSubmitBatch() >= 1, after.toString());
            } else {
                assertEquals(0, after.submitCalls(), after.toString());
            }
            assertEquals(after.bytesIn(), stats.bytesIn());
            assertEquals(CONNECTIONS, stats.closed());
            assertTrue(after.toString().contains("5 accepted"), after.toString());
        }
    }
}
