package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerryServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a read timeout counts from each read, not from the first: reads that keep succeeding for
// several timeout periods never time out (the loop's watchdog re-arms for the newest deadline), and
// the first read left waiting then times out after about the timeout.
@Timeout(30)
class BlockingTimeoutAfterBusyReadsTest {
    private static final long TIMEOUT_MS = 300; // 150 ms timed out mid-echo once, on a machine at load 9
    private static final int MESSAGES = 100;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldTimeOutOnlyOnceReadsStop(BackendKind kind) throws Exception {
        CompletableFuture<Long> timedOutAfterMs = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1);
             FerryServer server = BlockingServers.bind(fx, socket -> {
                 socket.setReadTimeout(Duration.ofMillis(TIMEOUT_MS));
                 long lastRead = System.nanoTime();
                 try {
                     for (Buf b; (b = socket.read()) != null; ) {
                         lastRead = System.nanoTime();
                         socket.write(b);
                         socket.flush();
                     }
                     timedOutAfterMs.completeExceptionally(new AssertionError("end of stream, no timeout"));
                 } catch (SocketTimeoutException e) {
                     timedOutAfterMs.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRead));
                 }
             })) {
            try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                long start = System.nanoTime();
                for (int i = 0; i < MESSAGES; i++) { // 100 x 10 ms or more: over three timeout periods of steady reads
                    out.write(i);
                    assertEquals(i, in.read(), "echo " + i);
                    Thread.sleep(10);
                }
                long busyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(busyMs > 3 * TIMEOUT_MS, "the busy phase spans several timeouts: " + busyMs + " ms");
                long after = timedOutAfterMs.get(10, TimeUnit.SECONDS);
                assertTrue(after >= TIMEOUT_MS - 5 && after < TIMEOUT_MS + 2_000,
                    "timed out " + after + " ms after the last read, timeout " + TIMEOUT_MS + " ms");
            }
            fx.assertQuiescent();
        }
    }
}
