package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.loop.Timer;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import io.ferry.net.SocketOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: read and idle timeouts close handler-style connections whose peer went quiet, on every backend: the
// handler hears onTimeout, then onClose with the SocketTimeoutException as cause; traffic within the timeout, a
// paused read (read timeout) and outgoing bytes the peer takes (idle timeout) keep a connection open; without
// the options nothing times out.
@Timeout(60)
class ShouldTimeOutQuietConnectionsTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final long QUIET_MILLIS = 1_000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldCloseASilentPeerAfterTheReadTimeout(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Recorder r = new Recorder(c -> { });
            Listener l = fx.ferry().listen(local(), SocketOptions.defaults().withReadTimeout(TIMEOUT), c -> r);
            long start = System.nanoTime();
            try (Socket peer = connect(l)) {
                assertEquals(-1, peer.getInputStream().read(), "closed in order by the default onTimeout");
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMillis >= TIMEOUT.toMillis() - 20 && tookMillis < 5_000, tookMillis + " ms");
            }
            SocketTimeoutException e = assertInstanceOf(SocketTimeoutException.class,
                r.closed.get(5, TimeUnit.SECONDS));
            assertTrue(r.timedOut.isDone(), "onTimeout came first");
            assertTrue(e.getMessage().startsWith("read timeout: no bytes from "), e.getMessage());
            assertTrue(e.getMessage().endsWith(" for 300 ms"), e.getMessage());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldKeepAPeerThatSendsWithinTheReadTimeout(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Recorder r = new Recorder(c -> { });
            Listener l = fx.ferry().listen(local(), SocketOptions.defaults().withReadTimeout(TIMEOUT), c -> r);
            try (Socket peer = connect(l)) {
                OutputStream out = peer.getOutputStream();
                for (int i = 0; i < 10; i++) {
                    out.write('x');
                    Thread.sleep(TIMEOUT.toMillis() / 3);
                }
                assertFalse(r.closed.isDone(), "closed while the peer was sending: " + r.closed);
                out.write('y');
                assertEquals('x', peer.getInputStream().read(), "still echoing");
            }
            r.closed.get(5, TimeUnit.SECONDS);
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldNotCountAPausedReadAgainstTheReadTimeout(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Recorder r = new Recorder(Connection::pauseReading);
            Listener l = fx.ferry().listen(local(), SocketOptions.defaults().withReadTimeout(TIMEOUT), c -> r);
            try (Socket peer = connect(l)) {
                assertStillOpen(r);
                Connection c = r.connection;
                c.loop().execute(c::resumeReading);
            }
            r.closed.get(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldCountBytesSentAgainstTheIdleTimeout(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            // The server sends a byte every 100 ms and the peer reads them, but never sends: not idle.
            Recorder talking = new Recorder(c -> {
                Timer t = c.loop().scheduleAtFixedRate(() -> {
                    if (c.isOpen()) {
                        c.writeAndFlush(c.loop().pool().acquire(1).writeByte('t'));
                    }
                }, 0, TIMEOUT.toMillis() / 3, TimeUnit.MILLISECONDS);
                c.attach(t);
            });
            SocketOptions idle = SocketOptions.defaults().withIdleTimeout(TIMEOUT);
            Listener l = fx.ferry().listen(local(), idle, c -> talking);
            try (Socket peer = connect(l)) {
                InputStream in = peer.getInputStream();
                long end = System.nanoTime() + QUIET_MILLIS * 1_000_000;
                while (System.nanoTime() < end) {
                    assertEquals('t', in.read());
                }
                assertFalse(talking.closed.isDone(), "closed while sending: " + talking.closed);
            }
            talking.closed.get(5, TimeUnit.SECONDS);

            Recorder silent = new Recorder(c -> { });
            Listener quiet = fx.ferry().listen(local(), idle, c -> silent);
            try (Socket peer = connect(quiet)) {
                assertEquals(-1, peer.getInputStream().read());
            }
            SocketTimeoutException e = assertInstanceOf(SocketTimeoutException.class,
                silent.closed.get(5, TimeUnit.SECONDS));
            assertTrue(e.getMessage().startsWith("idle timeout: no bytes to or from "), e.getMessage());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldLetTheHandlerAnswerBeforeClosing(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Recorder r = new Recorder(c -> { }) {
                @Override
                public void onTimeout(Connection c, SocketTimeoutException e) {
                    timedOut.complete(e);
                    c.writeAndFlush(c.loop().pool().acquire(16).writeBytes("408 timeout\n".getBytes(
                        StandardCharsets.US_ASCII)));
                    c.close();
                }
            };
            Listener l = fx.ferry().listen(local(), SocketOptions.defaults().withReadTimeout(TIMEOUT), c -> r);
            try (Socket peer = connect(l)) {
                assertEquals("408 timeout\n", new String(peer.getInputStream().readAllBytes(),
                    StandardCharsets.US_ASCII));
            }
            assertInstanceOf(SocketTimeoutException.class, r.closed.get(5, TimeUnit.SECONDS));
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldAbortWhenThePeerDoesNotTakeTheLastBytes(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Recorder r = new Recorder(c -> { }) {
                @Override
                public void onTimeout(Connection c, SocketTimeoutException e) {
                    timedOut.complete(e);
                    closeBehindMoreThanTheSocketsHold(c);
                }
            };
            Listener l = fx.ferry().listen(local(), SocketOptions.defaults().withReadTimeout(TIMEOUT), c -> r);
            try (Socket peer = connect(l)) {
                peer.setReceiveBufferSize(4096);
                long start = System.nanoTime();
                assertInstanceOf(SocketTimeoutException.class, r.closed.get(10, TimeUnit.SECONDS));
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMillis >= 2 * TIMEOUT.toMillis() - 50, "aborted a timeout after expiry: " + tookMillis);
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldAbortACloseFromOnOpenThatThePeerNeverTakes(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Recorder r = new Recorder(ShouldTimeOutQuietConnectionsTest::closeBehindMoreThanTheSocketsHold);
            Listener l = fx.ferry().listen(local(), SocketOptions.defaults().withIdleTimeout(TIMEOUT), c -> r);
            try (Socket peer = connect(l)) {
                peer.setReceiveBufferSize(4096);
                assertInstanceOf(SocketTimeoutException.class, r.closed.get(10, TimeUnit.SECONDS),
                    "aborted with the timeout as cause");
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldTakeATimeoutTooLongForNanoseconds(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Recorder r = new Recorder(c -> { });
            SocketOptions forever = SocketOptions.defaults().withReadTimeout(Duration.ofSeconds(Long.MAX_VALUE))
                .withIdleTimeout(Duration.ofDays(365L * 1000));
            Listener l = fx.ferry().listen(local(), forever, c -> r);
            try (Socket peer = connect(l)) {
                peer.getOutputStream().write('x');
                assertEquals('x', peer.getInputStream().read(), "served, not expired at once");
                assertFalse(r.closed.isDone(), String.valueOf(r.closed));
            }
            assertNull(r.closed.get(5, TimeUnit.SECONDS));
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldNotTimeOutByDefault(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Recorder r = new Recorder(c -> { });
            Listener l = fx.listen(c -> r);
            try (Socket peer = connect(l)) {
                assertStillOpen(r);
            }
            assertNull(r.closed.get(5, TimeUnit.SECONDS), "an orderly close after the peer left");
        }
    }

    @Test
    void shouldRefuseNegativeTimeouts() {
        SocketOptions o = SocketOptions.defaults();
        assertEquals(Duration.ZERO, o.readTimeout());
        assertEquals(Duration.ZERO, o.idleTimeout());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> o.withReadTimeout(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("read timeout"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.withIdleTimeout(Duration.ofSeconds(-5)));
        assertThrows(NullPointerException.class, () -> o.withIdleTimeout(null));
        assertEquals(TIMEOUT, o.withIdleTimeout(TIMEOUT).idleTimeout());
    }

    /** Queues 16 MiB, more than the socket buffers hold, then closes: the close waits for a peer that reads. */
    private static void closeBehindMoreThanTheSocketsHold(Connection c) {
        for (int i = 0; i < 256; i++) {
            Buf b = c.loop().pool().acquire(65_536);
            b.writeIndex(b.capacity());
            c.write(b);
        }
        c.close();
    }

    private static void assertStillOpen(Recorder r) throws Exception {
        assertThrows(TimeoutException.class, () -> r.closed.get(QUIET_MILLIS, TimeUnit.MILLISECONDS),
            "a timeout closed the connection");
        assertFalse(r.timedOut.isDone());
    }

    private static InetSocketAddress local() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    private static Socket connect(Listener l) throws Exception {
        Socket s = new Socket("127.0.0.1", ((InetSocketAddress) l.localAddress()).getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Echoes, and records onTimeout and onClose's cause (null for an orderly close). */
    private static class Recorder implements Handler {
        final CompletableFuture<SocketTimeoutException> timedOut = new CompletableFuture<>();
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();
        volatile Connection connection;
        private final Consumer<Connection> onOpen;

        Recorder(Consumer<Connection> onOpen) {
            this.onOpen = onOpen;
        }

        @Override
        public void onOpen(Connection c) {
            connection = c;
            onOpen.accept(c);
        }

        @Override
        public void onData(Connection c, Buf data) {
            c.writeAndFlush(data);
        }

        @Override
        public void onTimeout(Connection c, SocketTimeoutException e) {
            timedOut.complete(e);
            Handler.super.onTimeout(c, e);
        }

        @Override
        public void onClose(Connection c, Throwable cause) {
            if (c.attachment() instanceof Timer t) {
                t.cancel();
            }
            closed.complete(cause);
        }
    }
}
