package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: TLS handshakes cut short while the server's engine runs its delegated tasks on a virtual thread (which
// hands back to the loop with execute; with OpenSSL, while the handshake runs on the loop and its SSL is freed on
// close): peers that reset or close at random points of the handshake, and the
// runtime closed under handshakes in progress. Every connection closes, every buffer goes home, nothing is left
// in flight, the user's handler hears nothing after onClose and everything on its loop, and no thread dies of an
// uncaught exception (a delegated task's, say).
@Timeout(120)
class TlsHandshakeRacingCloseTest {
    private static final int CONNECTIONS = 150;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(8);
    private static final int RUNTIME_ROUNDS = 3;
    private static final int CONCURRENT_HANDSHAKES = 16;
    private static final long WAIT_SECONDS = 10;
    private final long seed = Long.getLong("ferry.test.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final Queue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handlers = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private Thread.UncaughtExceptionHandler previous;

    @BeforeEach
    void watchUncaught() {
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    }

    @AfterEach
    void restoreUncaught() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.TlsTestCerts#backendsAndProviders")
    void shouldCleanUpHandshakesThePeerCutsShort(BackendKind kind, TlsProvider provider) throws Exception {
        SSLContext client = TlsTestCerts.clientContext();
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Listener l = fx.listen(Tls.server(TlsTestCerts.server(provider), c -> new Recorder()));
            int port = ((InetSocketAddress) l.localAddress()).getPort();
            long end = System.nanoTime() + BUDGET_NANOS;
            for (int i = 0; i < CONNECTIONS && System.nanoTime() - end < 0; i++) {
                try (Socket raw = TlsTestCerts.raw(port)) {
                    CompletableFuture<Void> handshake = handshake(client, raw);
                    spin(random.nextInt(4_000_000)); // the client hello is out; the server may be in its tasks
                    if (random.nextBoolean()) {
                        raw.setSoLinger(true, 0); // reset
                    }
                    raw.close();
                    awaitQuietly(handshake);
                }
            }
            BackendFixture.awaitTrue(() -> closes.get() == handlers.get());
            assertClean(kind);
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.TlsTestCerts#backendsAndProviders")
    void shouldCleanUpHandshakesTheRuntimeClosesUnder(BackendKind kind, TlsProvider provider) throws Exception {
        SSLContext client = TlsTestCerts.clientContext();
        for (int round = 0; round < RUNTIME_ROUNDS; round++) {
            BackendFixture fx = BackendFixture.start(kind, 1);
            List<Socket> sockets = new ArrayList<>();
            List<CompletableFuture<Void>> handshakes = new ArrayList<>();
            try {
                Listener l = fx.listen(Tls.server(TlsTestCerts.server(provider), c -> new Recorder()));
                int port = ((InetSocketAddress) l.localAddress()).getPort();
                for (int i = 0; i < CONCURRENT_HANDSHAKES; i++) {
                    Socket raw = TlsTestCerts.raw(port);
                    sockets.add(raw);
                    handshakes.add(handshake(client, raw));
                }
                spin(random.nextInt(4_000_000));
                try {
                    fx.ferry().closeAsync().get(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    fail(kind + " round " + round + ": the runtime did not close in " + WAIT_SECONDS + " s with "
                        + "handshakes in progress (seed " + seed + ")");
                }
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
                handshakes.forEach(TlsHandshakeRacingCloseTest::awaitQuietly);
                fx.close();
            }
            assertEquals(handlers.get(), closes.get(), kind + " round " + round + ": connections that never closed");
            assertTrue(fx.errors().isEmpty(), () -> "errors reported on the loops: " + fx.errors());
            fx.assertPoolsAtBaseline();
        }
        assertClean(kind);
    }

    /** Starts a JDK client handshake over {@code raw} on a virtual thread; completes when it ends either way. */
    private static CompletableFuture<Void> handshake(SSLContext client, Socket raw) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.startVirtualThread(() -> {
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(),
                false)) { // the test closes raw itself
                s.startHandshake();
            } catch (IOException cutShort) {
                // the test closed the socket under it, or the server went away
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private static void awaitQuietly(CompletableFuture<Void> handshake) {
        try {
            handshake.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("a client handshake never ended", e);
        }
    }

    private void assertClean(BackendKind kind) {
        assertTrue(violations.isEmpty(), () -> kind + ": " + violations + " (seed " + seed + ")");
        assertTrue(uncaught.isEmpty(), () -> kind + ": uncaught on some thread: " + uncaught + " (seed " + seed
            + ")");
        assertEquals(handlers.get(), closes.get(), kind + ": connections whose handler never heard onClose");
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /** The user's handler: notes a callback after onClose, or off the connection's loop. */
    private final class Recorder implements Handler {
        private boolean closed; // loop thread

        Recorder() {
            handlers.incrementAndGet();
        }

        private void check(Connection c, String callback) {
            if (!c.loop().inLoop()) {
                violations.add(callback + " on " + Thread.currentThread().getName() + ", not its loop");
            }
            if (closed) {
                violations.add(callback + " after onClose");
            }
        }

        @Override
        public void onOpen(Connection c) {
            check(c, "onOpen");
        }

        @Override
        public void onData(Connection c, Buf data) {
            check(c, "onData");
            data.release();
        }

        @Override
        public void onWritable(Connection c) {
            check(c, "onWritable");
        }

        @Override
        public void onInputClosed(Connection c) {
            check(c, "onInputClosed");
            c.close();
        }

        @Override
        public void onTimeout(Connection c, SocketTimeoutException timeout) {
            check(c, "onTimeout");
            c.close();
        }

        @Override
        public void onClose(Connection c, Throwable cause) {
            check(c, "onClose");
            closed = true;
            closes.incrementAndGet();
        }
    }
}
