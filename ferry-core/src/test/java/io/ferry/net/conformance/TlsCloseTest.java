package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsConfig;
import io.ferry.net.tls.TlsProvider;
import io.ferry.net.tls.TlsTruncationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: the ends of a TLS connection: close_notify sent on close and honoured on receipt, a peer that closes
// without it reported as truncation, TLS 1.2 renegotiation refused, TLS 1.3 key updates carried through.
@Timeout(60)
class TlsCloseTest {
    /** An echo handler that records how its connection ended. */
    private static final class Echo implements Handler {
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();
        volatile boolean inputClosed;

        @Override
        public void onData(Connection c, Buf data) {
            c.writeAndFlush(data);
        }

        @Override
        public void onInputClosed(Connection c) {
            inputClosed = true;
            c.close();
        }

        @Override
        public void onClose(Connection c, Throwable cause) {
            closed.complete(cause);
        }
    }

    private static Listener echo(BackendFixture fx, TlsConfig config, Echo echo) throws IOException {
        return fx.listen(Tls.server(config, c -> echo));
    }

    private static void roundTrip(Socket s, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
        assertArrayEquals(b, s.getInputStream().readNBytes(b.length), "echo of " + text);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.TlsTestCerts#backendsAndProviders")
    void shouldSendCloseNotifyWhenClosing(BackendKind kind, TlsProvider provider) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Listener l = fx.listen(Tls.server(TlsTestCerts.server(provider), c -> new Handler() {
                @Override
                public void onOpen(Connection connection) {
                    connection.write(connection.loop().pool().acquire().writeAscii("bye"));
                    connection.close();
                }

                @Override
                public void onData(Connection connection, Buf data) {
                    data.release();
                }
            }));
            try (SSLSocket s = TlsTestCerts.connect(((InetSocketAddress) l.localAddress()).getPort())) {
                // the JDK's socket reports a clean end only after close_notify
                assertEquals("bye", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.TlsTestCerts#backendsAndProviders")
    void shouldHonourCloseNotifyAsEndOfInput(BackendKind kind, TlsProvider provider) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Echo echo = new Echo();
            Listener l = echo(fx, TlsTestCerts.server(provider), echo);
            try (SSLSocket s = TlsTestCerts.connect(((InetSocketAddress) l.localAddress()).getPort())) {
                roundTrip(s, "hello");
                s.shutdownOutput();
                assertEquals(-1, s.getInputStream().read(), "the server closes after the client's close_notify");
            }
            assertNull(echo.closed.get(5, TimeUnit.SECONDS), "a clean close");
            assertTrue(echo.inputClosed, "onInputClosed");
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.TlsTestCerts#backendsAndProviders")
    void shouldReportPeerClosingWithoutCloseNotify(BackendKind kind, TlsProvider provider) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Echo echo = new Echo();
            Listener l = echo(fx, TlsTestCerts.server(provider), echo);
            try (Socket plain = TlsTestCerts.raw(((InetSocketAddress) l.localAddress()).getPort());
                 SSLSocket s = (SSLSocket) TlsTestCerts.clientContext().getSocketFactory()
                     .createSocket(plain, "127.0.0.1", plain.getPort(), false)) {
                s.startHandshake();
                roundTrip(s, "hello");
                plain.shutdownOutput(); // FIN, no close_notify
                drain(plain.getInputStream());
            }
            assertInstanceOf(TlsTruncationException.class, echo.closed.get(5, TimeUnit.SECONDS));
            assertTrue(!echo.inputClosed, "truncation is not an end of input");
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.TlsTestCerts#backendsAndProviders")
    void shouldRefuseRenegotiation(BackendKind kind, TlsProvider provider) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Echo echo = new Echo();
            Listener l = echo(fx, TlsTestCerts.server(provider).protocols("TLSv1.3", "TLSv1.2"), echo);
            try (SSLSocket s = TlsTestCerts.connect(((InetSocketAddress) l.localAddress()).getPort(), "TLSv1.2")) {
                assertEquals("TLSv1.2", s.getSession().getProtocol());
                roundTrip(s, "hello");
                try {
                    s.startHandshake(); // renegotiation
                    s.getOutputStream().write(1);
                    s.getOutputStream().flush();
                    drain(s.getInputStream());
                } catch (IOException refused) {
                    // the server's alert or close
                }
            }
            Throwable cause = echo.closed.get(5, TimeUnit.SECONDS);
            assertInstanceOf(SSLException.class, cause);
            assertTrue(cause.getMessage().contains("renegotiation"), cause.getMessage());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.TlsTestCerts#backendsAndProviders")
    void shouldCarryOnAfterKeyUpdate(BackendKind kind, TlsProvider provider) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Echo echo = new Echo();
            Listener l = echo(fx, TlsTestCerts.server(provider), echo);
            try (SSLSocket s = TlsTestCerts.connect(((InetSocketAddress) l.localAddress()).getPort())) {
                assertEquals("TLSv1.3", s.getSession().getProtocol());
                roundTrip(s, "before");
                for (int i = 0; i < 3; i++) {
                    s.startHandshake(); // on TLS 1.3 the JDK sends KeyUpdate(update_requested)
                    roundTrip(s, "after key update " + i);
                }
            }
            assertNull(echo.closed.get(5, TimeUnit.SECONDS), "a clean close");
            fx.assertQuiescent();
        }
    }

    private static void drain(InputStream in) {
        try {
            while (in.read() >= 0) {
                // until closed
            }
        } catch (IOException closed) {
            // reset or alert: closed too
        }
    }
}
