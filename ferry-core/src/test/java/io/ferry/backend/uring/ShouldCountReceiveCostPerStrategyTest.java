package io.ferry.backend.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Backends;
import io.ferry.LoopStats;
import io.ferry.backend.UringReceiveStrategy;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

// Purpose: Ferry.stats() shows what a receive costs under each strategy: one completion per receive for all;
// a new submission per receive for the single-shot strategies but not for the multishot rings; and for
// PROBE_THEN_READ one more system call per receive, counted in kernelEntries.
@Timeout(30)
class ShouldCountReceiveCostPerStrategyTest {
    private static final int MESSAGES = 50;
    private static final int SIZE = 100;

    @ParameterizedTest
    @EnumSource(UringReceiveStrategy.class)
    void shouldCountWhatEachReceiveCosts(UringReceiveStrategy strategy) throws Exception {
        assumeTrue(Backends.uringReceiveAvailability(strategy).available(), strategy + " unsupported here");
        UringConfig config = UringConfig.fromSystemProperties().withReceive(strategy);
        try (UringServerFixture fx = new UringServerFixture(config, UnaryOperator.identity(),
            c -> (conn, data) -> conn.writeAndFlush(data));
             Socket client = new Socket("127.0.0.1", fx.port())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            DataInputStream in = new DataInputStream(client.getInputStream());
            byte[] msg = new byte[SIZE];
            byte[] back = new byte[SIZE];
            out.write(msg); // connection set up and its receive armed before the counted part
            in.readFully(back);
            LoopStats before = fx.ferry.stats().loops().get(0);
            for (int i = 0; i < MESSAGES; i++) {
                java.util.Arrays.fill(msg, (byte) i);
                out.write(msg);
                in.readFully(back); // one message in flight at a time: one receive each
                assertArrayEquals(msg, back);
            }
            LoopStats after = fx.ferry.stats().loops().get(0);
            long events = after.events() - before.events();
            long submitted = after.submittedEntries() - before.submittedEntries();
            long entries = after.kernelEntries() - before.kernelEntries();
            long submitCalls = after.submitCalls() - before.submitCalls();
            String figures = strategy + ": " + events + " completions, " + submitted + " entries submitted, "
                + entries + " kernel entries (" + submitCalls + " submitting) for " + MESSAGES + " echoes";
            assertEquals((long) MESSAGES * SIZE, after.bytesIn() - before.bytesIn(), figures);
            // A receive and a send completion per echo; the last send's may come after the snapshot.
            assertTrue(events >= 2L * MESSAGES - 1, figures);
            boolean singleShot = strategy == UringReceiveStrategy.PER_CONNECTION
                || strategy == UringReceiveStrategy.PROBE_THEN_READ;
            if (singleShot) {
                assertTrue(submitted >= 2L * MESSAGES, figures); // a send and a new receive per echo
            } else {
                assertTrue(submitted < 2L * MESSAGES, figures); // the multishot recv stays armed
            }
            if (strategy == UringReceiveStrategy.PROBE_THEN_READ) {
                assertTrue(entries >= submitCalls + MESSAGES, figures); // plus one recv(2) per probe
            }
        }
    }
}
