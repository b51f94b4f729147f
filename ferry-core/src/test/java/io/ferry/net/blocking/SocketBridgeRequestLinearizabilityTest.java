package io.ferry.net.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-checked (Lincheck) request word of {@link SocketBridge}: three threads each OR one request in while
 * the loop takes the word twice, then once more after they are done. Each request is carried out exactly
 * once: none lost between a taking and the next OR, none seen by two takings. The bridge has no loop here,
 * so its one-queued-task rule is left to {@link BlockingHandoffStressTest}, which runs a real loop.
 */
@Timeout(60)
class SocketBridgeRequestLinearizabilityTest {
    private static final int INVOCATIONS = 400;

    @Test
    void shouldCarryOutEveryRequestOnce() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            SocketBridge bridge = new SocketBridge(0, 1 << 20, null);
            RecordingConnection c = new RecordingConnection(null);
            bridge.onOpen(c);
            Thread shutdown = new Thread(() -> bridge.request(SocketBridge.SHUTDOWN));
            Thread close = new Thread(() -> bridge.request(SocketBridge.CLOSE));
            Thread drain = new Thread(() -> bridge.request(SocketBridge.DRAIN));
            Thread loop = new Thread(() -> {
                bridge.run();
                bridge.run();
            });
            shutdown.start();
            close.start();
            drain.start();
            loop.start();
            Models.join(shutdown);
            Models.join(close);
            Models.join(drain);
            Models.join(loop);
            bridge.run(); // the loop's next turn: takes whatever is left

            assertEquals(1, c.shutdowns.get(), "shutdownOutput calls");
            assertEquals(1, c.closes.get(), "close calls");
            int flushes = c.flushes.get();
            assertTrue(flushes >= 1 && flushes <= 3, "drains for three requests: " + flushes);
            bridge.run();
            assertEquals(flushes, c.flushes.get(), "the word was left with a request in it");
        });
    }
}
