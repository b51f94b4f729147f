package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import io.ferry.net.blocking.FerrySocket;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsConfig;
import io.ferry.net.tls.TlsConnection;
import io.ferry.net.tls.TlsProvider;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: Ferry's own TLS client, in both styles, talks to Ferry's TLS server on every backend: ALPN and SNI
// reach the other end, EC and RSA keys from PEM files both work, and a certificate for another host is refused.
@Timeout(60)
class TlsClientTest {
    /** Echo that records the ALPN protocol and SNI name its connection saw. */
    private static final class Probe implements Handler {
        final CompletableFuture<String> seen = new CompletableFuture<>();

        @Override
        public void onOpen(Connection c) {
            TlsConnection t = (TlsConnection) c;
            seen.complete(t.applicationProtocol() + " " + t.requestedServerName());
        }

        @Override
        public void onData(Connection c, Buf data) {
            c.writeAndFlush(data);
        }
    }

    @ParameterizedTest(name = "{0} server {1} client {2}")
    @MethodSource("io.ferry.net.conformance.TlsTestCerts#backendsAndProviderPairs")
    void shouldNegotiateAlpnAndSendSni(BackendKind kind, TlsProvider serverProvider, TlsProvider clientProvider)
        throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Probe probe = new Probe();
            Listener l = fx.listen(Tls.server(
                TlsTestCerts.server(serverProvider).applicationProtocols("h2", "http/1.1"), c -> probe));
            CompletableFuture<String> reply = new CompletableFuture<>();
            TlsConfig client = TlsTestCerts.client(clientProvider).applicationProtocols("http/1.1")
                .serverName("localhost");
            TlsConnection c = Tls.connect(fx.ferry(), l.localAddress(), client, new Handler() {
                @Override
                public void onData(Connection connection, Buf data) {
                    reply.complete(data.toAsciiString());
                    data.release();
                    connection.close();
                }
            }).get(10, TimeUnit.SECONDS);
            assertEquals("http/1.1", c.applicationProtocol());
            c.loop().execute(() -> c.writeAndFlush(c.loop().pool().acquire().writeAscii("ping")));
            assertEquals("ping", reply.get(10, TimeUnit.SECONDS));
            assertEquals("http/1.1 localhost", probe.seen.get(10, TimeUnit.SECONDS));
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} server {1} client {2}")
    @MethodSource("io.ferry.net.conformance.TlsTestCerts#backendsAndProviderPairs")
    void shouldServeEcKeyToBlockingClient(BackendKind kind, TlsProvider serverProvider, TlsProvider clientProvider)
        throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            TlsConfig server = TlsConfig.server(TlsTestCerts.cert("EC"), TlsTestCerts.key("EC"))
                .provider(serverProvider);
            Listener l = fx.listen(Tls.server(server, c -> new Probe()));
            TlsConfig client = TlsConfig.clientTrusting(TlsTestCerts.cert("EC")).provider(clientProvider);
            try (FerrySocket s = FerrySocket.connect(fx.ferry(), l.localAddress(), Duration.ofSeconds(5), client)) {
                byte[] hello = "hello over EC".getBytes(StandardCharsets.US_ASCII);
                s.outputStream().write(hello);
                s.outputStream().flush();
                assertEquals("hello over EC",
                    new String(s.inputStream().readNBytes(hello.length), StandardCharsets.US_ASCII));
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} server {1} client {2}")
    @MethodSource("io.ferry.net.conformance.TlsTestCerts#backendsAndProviderPairs")
    void shouldRefuseCertificateForAnotherHost(BackendKind kind, TlsProvider serverProvider, TlsProvider clientProvider)
        throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Listener l = fx.listen(Tls.server(TlsTestCerts.server(serverProvider), c -> new Probe()));
            TlsConfig client = TlsTestCerts.client(clientProvider).serverName("other.example");
            ExecutionException handler = assertThrows(ExecutionException.class, () -> Tls.connect(fx.ferry(),
                l.localAddress(), client, new Probe()).get(10, TimeUnit.SECONDS));
            assertInstanceOf(SSLException.class, handler.getCause());
            ConnectException blocking = assertThrows(ConnectException.class,
                () -> FerrySocket.connect(fx.ferry(), l.localAddress(), Duration.ofSeconds(5), client));
            assertInstanceOf(SSLException.class, blocking.getCause());
            fx.assertQuiescent();
        }
    }
}
