package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: the server-wide input budget holds: 100 connections that each start an /echo body, against a budget of
// 20 pool buffers, get 20 bodies held and 80 refusals (503, Retry-After), memory stays within the budget, a whole
// GET is still answered while a new body is refused, and once the holders finish everyone is served; every backend,
// both styles.
@Timeout(60)
class InputBudgetTest {
    private static final int BUFFER = 16 * 1024;
    private static final int HELD = 20;
    private static final int PEERS = 100;
    private static final int DECLARED = 1000;
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final String START = "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + DECLARED + "\r\n\r\n";

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldRefuseBodiesPastTheBudgetAndServeWholeRequests(BackendKind kind, Style style) throws Exception {
        // Timeouts longer than the test, so no holder's stalled body times out (408) and gives its buffer back.
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root, LONG, LONG, (long) HELD * BUFFER)) {
            long baseline = fx.bytesInUse();
            List<Socket> peers = new ArrayList<>();
            try {
                for (int i = 0; i < PEERS; i++) {
                    Socket s = new Socket("127.0.0.1", fx.port());
                    s.setSoTimeout(5_000);
                    peers.add(s);
                    send(s, START + "0123456789");
                }
                List<Socket> held = awaitRefusals(peers, PEERS - HELD);
                for (Socket s : peers) {
                    if (!held.contains(s)) {
                        String refused = readAll(s.getInputStream());
                        assertTrue(refused.startsWith("HTTP/1.1 503 ") && refused.contains("\r\nRetry-After: 1\r\n")
                            && refused.contains("\r\nConnection: close\r\n"), refused);
                        s.close();
                    }
                }
                assertTrue(fx.awaitConnections(HELD, 5_000_000_000L), "refused connections closed");
                // The blocking style's socket may also hold a spare buffer per connection for its next write.
                long bound = (long) HELD * BUFFER * (style == Style.HANDLER ? 1 : 2);
                long used = fx.bytesInUse() - baseline;
                assertTrue(used <= bound, used + " bytes in use, bound " + bound + ": " + fx.poolStats());
                assertTrue(exchange(fx, "GET /plaintext HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    .startsWith("HTTP/1.1 200 "), "a whole request needs no budget");
                String refused = exchange(fx, START.replace(DECLARED + "\r\n", "5\r\nConnection: close\r\n") + "hello");
                assertTrue(refused.startsWith("HTTP/1.1 503 "), "a body while the budget is spent: " + refused);
                for (Socket s : held) {
                    send(s, "x".repeat(DECLARED - 10));
                    String echoed = readResponse(s.getInputStream(), DECLARED);
                    assertTrue(echoed.startsWith("HTTP/1.1 200 ") && echoed.endsWith("0123456789" + "x".repeat(
                        DECLARED - 10)), echoed);
                }
                assertTrue(exchange(fx, START.replace(DECLARED + "\r\n", "5\r\nConnection: close\r\n") + "hello")
                    .endsWith("\r\n\r\nhello"), "a body once the holders are done");
            } finally {
                for (Socket s : peers) {
                    s.close();
                }
            }
            fx.assertQuiescent();
        }
    }

    /** Waits (bounded) until {@code count} peers have an answer waiting; returns the others. */
    private static List<Socket> awaitRefusals(List<Socket> peers, int count) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Socket> quiet = new ArrayList<>(peers);
        while (peers.size() - quiet.size() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
            quiet.removeIf(s -> available(s) > 0);
        }
        assertEquals(count, peers.size() - quiet.size(), "peers refused");
        return quiet;
    }

    private static int available(Socket s) {
        try {
            return s.getInputStream().available();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One request on a new connection that the server closes after answering; returns the answer. */
    private static String exchange(HttpServerFixture fx, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", fx.port())) {
            s.setSoTimeout(5_000);
            send(s, request);
            return readAll(s.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    /** A response head and its body of {@code bodyLength} bytes. */
    private static String readResponse(InputStream in, int bodyLength) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
        }
        out.write(in.readNBytes(bodyLength));
        return out.toString(StandardCharsets.US_ASCII);
    }
}
