package io.ferry.backend.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.UringReceiveStrategy;
import io.ferry.buffer.PoolStats;
import io.ferry.runtime.LoopThread;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: PER_CONNECTION holds exactly one pool buffer per connection whose recv is pending, and gives it back
// when the connection closes; the ring strategies and PROBE_THEN_READ hold none for an idle connection.
@Timeout(30)
class ShouldPostOneBufferPerWaitingConnectionTest {
    private static final int CONNECTIONS = 20;

    @Test
    void shouldHoldOneBufferPerIdleConnection() throws Exception {
        assertEquals(CONNECTIONS, buffersHeldByIdleConnections(UringReceiveStrategy.PER_CONNECTION));
    }

    @Test
    void shouldHoldNoBufferForIdleConnectionsWhenProbing() throws Exception {
        assertEquals(0, buffersHeldByIdleConnections(UringReceiveStrategy.PROBE_THEN_READ));
    }

    @Test
    void shouldHoldNoBufferForIdleConnectionsOnTheRing() throws Exception {
        assertEquals(0, buffersHeldByIdleConnections(UringReceiveStrategy.PROVIDED_RING));
    }

    /** Opens idle connections, returns the pool buffers in use once all are reading, then checks they come back. */
    private static int buffersHeldByIdleConnections(UringReceiveStrategy strategy) throws Exception {
        UringConfig config = UringConfig.fromSystemProperties().withReceive(strategy);
        try (UringServerFixture fx = new UringServerFixture(config, UnaryOperator.identity(),
            c -> (conn, data) -> conn.writeAndFlush(data))) {
            LoopThread loop = fx.loop();
            List<Socket> clients = new ArrayList<>();
            int held;
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    clients.add(new Socket("127.0.0.1", fx.port()));
                }
                awaitTrue(() -> loop.await(loop::openResources) == CONNECTIONS
                    && loop.await(() -> loop.driver().inFlight()) >= CONNECTIONS);
                PoolStats stats = loop.await(() -> loop.pool().stats());
                held = stats.buffersInUse() + stats.lentInUse();
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
            fx.assertQuiescent();
            return held;
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
    }
}
