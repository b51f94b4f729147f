package io.ferry.backend.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Backends;
import io.ferry.backend.UringReceiveStrategy;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: with INCREMENTAL_RING, small receives of two connections share one ring buffer, each view starting
// where the previous receive into that buffer ended; a whole-buffer ring of one buffer would starve the second.
@Timeout(30)
class ShouldShareIncrementalBufferBetweenConnectionsTest {
    private static final int MESSAGE = 50;
    private static final int ROUNDS = 5;

    @Test
    void shouldPackSmallReceivesIntoOneBuffer() throws Exception {
        assumeTrue(Backends.uringReceiveAvailability(UringReceiveStrategy.INCREMENTAL_RING).available(),
            "kernel without IOU_PBUF_RING_INC");
        IncrementalRingProbe[] handlers = {new IncrementalRingProbe(), new IncrementalRingProbe()};
        int[] next = {0};
        UringConfig oneBuffer = new UringConfig(64, 256, 1, UringReceiveStrategy.INCREMENTAL_RING);
        try (UringServerFixture fx = new UringServerFixture(oneBuffer, UnaryOperator.identity(), c -> {
            IncrementalRingProbe h = handlers[next[0]++];
            h.hold();
            return h;
        });
             Socket a = new Socket("127.0.0.1", fx.port());
             Socket b = new Socket("127.0.0.1", fx.port())) {
            Socket[] clients = {a, b};
            for (int round = 0; round < ROUNDS; round++) {
                for (int c = 0; c < 2; c++) {
                    send(clients[c].getOutputStream(), message(c, round));
                    int want = (round + 1) * MESSAGE;
                    IncrementalRingProbe h = handlers[c];
                    awaitTrue(() -> h.received() == want);
                    assertEquals(want, h.received(), "connection " + c + " round " + round);
                }
            }
            RecvBufferRing ring = ((UringDriver) fx.loop().driver()).recvRing();
            assertEquals(1, (int) fx.loop().await(ring::partlyConsumed), "the kernel still fills the one buffer");
            long first = handlers[0].addresses().get(0);
            for (int c = 0; c < 2; c++) {
                List<Long> at = handlers[c].addresses();
                assertEquals(ROUNDS, at.size(), "one receive per message on connection " + c);
                for (int round = 0; round < ROUNDS; round++) {
                    assertEquals(first + (2L * round + c) * MESSAGE, (long) at.get(round),
                        "receive " + round + " of connection " + c + " starts where the previous one ended");
                }
                IncrementalRingProbe h = handlers[c];
                byte[] expected = expectedBytes(c);
                assertArrayEquals(expected, h.bytes());
                assertArrayEquals(expected, fx.loop().await(h::heldBytesNow), "held views still read their bytes");
            }
            fx.loop().await(() -> {
                Arrays.stream(handlers).forEach(IncrementalRingProbe::releaseHeld);
                return null;
            });
        }
    }

    private static byte[] message(int connection, int round) {
        byte[] m = new byte[MESSAGE];
        Arrays.fill(m, (byte) ('a' + connection * ROUNDS + round));
        return m;
    }

    private static byte[] expectedBytes(int connection) {
        byte[] all = new byte[ROUNDS * MESSAGE];
        for (int round = 0; round < ROUNDS; round++) {
            System.arraycopy(message(connection, round), 0, all, round * MESSAGE, MESSAGE);
        }
        return all;
    }

    private static void send(OutputStream out, byte[] bytes) throws java.io.IOException {
        out.write(bytes);
        out.flush();
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
            Thread.sleep(2);
        }
    }
}
