package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: in blocking style, Ferry.close() with a writer parked behind a client that never reads returns
// within a bound (plain TCP and TLS, every backend); the writer's write ends with an IOException and every
// buffer goes home. Repeated, because the hang was intermittent.
@Timeout(180)
class BlockingShutdownWithInFlightWritesTest {
    private static final int ROUNDS = 20;
    private static final long CLOSE_BOUND_SECONDS = 10;

    static Stream<Arguments> cases() {
        return BackendFixture.backends().flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @ParameterizedTest(name = "{0} tls={1}")
    @MethodSource("cases")
    void shouldCloseWithWriterParked(BackendKind kind, boolean tls) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            closeOnce(kind, tls, round);
        }
    }

    private static void closeOnce(BackendKind kind, boolean tls, int round) throws Exception {
        AtomicLong written = new AtomicLong();
        CompletableFuture<Throwable> writerEnd = new CompletableFuture<>();
        BackendFixture fx = BackendFixture.start(kind, 1, b -> b.closeGrace(200, TimeUnit.MILLISECONDS));
        Socket client = null;
        try {
            FerryServer server = FerryServer.bind(fx.ferry(), new InetSocketAddress("127.0.0.1", 0),
                fx.ferry().socketOptions(), tls ? TlsTestCerts.server() : null, socket -> {
                    byte[] chunk = new byte[16 * 1024];
                    try {
                        while (true) {
                            socket.write(chunk, 0, chunk.length);
                            written.addAndGet(chunk.length);
                        }
                    } catch (IOException | RuntimeException e) {
                        writerEnd.complete(e);
                        throw e;
                    }
                });
            int port = ((InetSocketAddress) server.localAddress()).getPort(); // closed with the runtime
            client = tls ? TlsTestCerts.connect(port) : new Socket("127.0.0.1", port); // never reads
            awaitStalled(written);
            assertTrue(written.get() > 0, "the writer wrote before it stalled");
            if (round == 1) {
                fx.assertLoopSleeps("the writer parked");
            }

            long start = System.nanoTime();
            CompletableFuture<Void> closed = fx.ferry().closeAsync();
            try {
                closed.get(CLOSE_BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException hung) {
                fail(kind + (tls ? " over TLS" : "") + ", round " + round + ": Ferry.close() did not return within "
                    + CLOSE_BOUND_SECONDS + " s with a blocking writer parked");
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Throwable end = writerEnd.get(CLOSE_BOUND_SECONDS, TimeUnit.SECONDS);
            assertInstanceOf(IOException.class, end, "round " + round + ": how the parked write ended");
            assertTrue(millis < 5_000, "round " + round + ": close took " + millis + " ms");
            fx.assertPoolsAtBaseline();
            assertEquals(0, fx.errors().size(), "round " + round + ": errors " + fx.errors());
        } finally {
            if (client != null) {
                client.close();
            }
        }
        fx.close();
    }

    /** Waits (bounded) until the writer has written something and then made no progress for 100 ms. */
    private static void awaitStalled(AtomicLong written) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long before = -1;
        while (System.nanoTime() - deadline < 0) {
            long now = written.get();
            if (now > 0 && now == before) {
                return;
            }
            before = now;
            Thread.sleep(100);
        }
    }
}
