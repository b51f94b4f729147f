package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Backends;
import io.ferry.backend.BackendKind;
import io.ferry.servers.Trickle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: 5,000 clients that each trickle a command one byte per second (for 10 s) hold at most one pool buffer
// each, another client's every PING is answered within two seconds meanwhile, and the server is back at baseline once
// they close; on every backend (5,000 on the default backend, 500 on the others).
@Timeout(120)
class RespTrickleMemoryTest {
    private static final int MANY = 5_000;
    private static final int FEW = 500;
    private static final int SECONDS = 10;
    /** The slowest answer the other client may get meanwhile: as the HTTP TrickleMemoryTest, which says why. */
    private static final long PROMPT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Slack for the probe's own command and reply, and a receive buffer in flight on each of the two loops. */
    private static final long SLACK = 16 * 16 * 1024;
    private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @MethodSource("io.ferry.servers.resp.RespServerFixture#backends")
    void shouldHoldAtMostOneBufferPerTricklingCommand(BackendKind kind) throws Exception {
        int peers = kind == Backends.resolve(BackendKind.AUTO) ? MANY : FEW;
        try (RespServerFixture fx = new RespServerFixture(kind)) {
            long baseline = fx.bytesInUse();
            long most;
            long[] probed;
            try (Trickle trickle = new Trickle(fx.port(), peers)) {
                assertTrue(fx.awaitConnections(peers, TimeUnit.SECONDS.toNanos(20)), "connections open");
                try (Trickle.Probe probe = new Trickle.Probe(fx.port(), PING,
                    in -> assertArrayEquals(PONG, in.readNBytes(PONG.length)))) {
                    most = trickle.trickle(PING, SECONDS, fx::bytesInUse) - baseline;
                    probed = probe.stop();
                }
            }
            // An incomplete command waits in one pool buffer (16 KiB) per client; nothing else grows with them.
            long bound = (long) peers * 16 * 1024 + SLACK;
            System.out.printf("trickle resp %s: %d peers, most %d bytes in use (%d per peer), %d probes,"
                + " slowest %d ms%n", kind, peers, most, most / peers, probed[0], probed[1] / 1_000_000);
            assertTrue(most <= bound, most + " bytes in use for " + peers + " trickling commands, bound " + bound
                + ": " + fx.poolStats());
            assertTrue(probed[0] > 0 && probed[1] < PROMPT_NANOS, "probe: " + probed[0] + " answers, slowest "
                + probed[1] / 1_000_000 + " ms");
        }
    }
}
