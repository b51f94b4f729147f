package io.ferry.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.bench.stress.ChaosFailure;
import io.ferry.bench.stress.ConnectionGauge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: the soak's answer checks see a wrong answer: an echo server that flips one bit of what it echoes, and a
// RESP server that answers every GET with the same value, fail the moves instead of passing them.
@Timeout(30)
class ShouldCatchWrongAnswersTest {
    /** Serves one connection on a platform thread: {@code answer} maps what arrived to what goes back. */
    private static ServerSocket server(UnaryOperator<byte[]> answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(answer.apply(Arrays.copyOf(buf, n)));
                }
            } catch (IOException ignored) {
                // the client went away: the test has its answer
            }
        });
        return server;
    }

    private static InetSocketAddress at(ServerSocket s) {
        return new InetSocketAddress(s.getInetAddress(), s.getLocalPort());
    }

    @Test
    void shouldFailAnEchoWithOneBitFlipped() throws IOException {
        try (ServerSocket flipping = server(b -> {
            b[b.length - 1] ^= 1;
            return b;
        })) {
            ConnectionGauge live = new ConnectionGauge();
            EchoSoakMoves moves = new EchoSoakMoves(new SplittableRandom(1), live, at(flipping));
            ChaosFailure f = assertThrows(ChaosFailure.class, moves::pipelined);
            assertFalse(f.isHang(), f::getMessage);
            assertEquals(0, live.live(), "the failing move closed its socket");
        }
    }

    @Test
    void shouldFailAGetAnsweredWithAnotherValue() throws IOException {
        byte[] ok = Payloads.ascii("+OK\r\n");
        byte[] stale = Payloads.ascii("$1\r\nx\r\n"); // the same one-byte value for any GET
        try (ServerSocket server = server(b -> new String(b, StandardCharsets.US_ASCII).contains("GET") ? stale : ok)) {
            RespSoakMoves moves = new RespSoakMoves(new SplittableRandom(2), new ConnectionGauge(), at(server), 0);
            ChaosFailure f = assertThrows(ChaosFailure.class, moves::setGet);
            assertTrue(f.getMessage().startsWith("GET soak:0:"), f::getMessage);
        }
    }
}
