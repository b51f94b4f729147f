package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsConfig;
import io.ferry.net.tls.TlsConnection;
import io.ferry.net.tls.TlsProvider;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: what only the OpenSSL provider has to get right: it refuses a configuration it cannot express, names
// OpenSSL's own reasons when a file or a certificate is refused, and reports the session it negotiated (protocol,
// IANA cipher suite name, the peer's certificate) on both ends, for TLS 1.3 and 1.2.
@Timeout(60)
class TlsOpenSslProviderTest {
    private static final TlsProvider OPENSSL = TlsProvider.OPENSSL;

    @BeforeEach
    void needsOpenSsl() {
        assumeTrue(OPENSSL.unavailableReason() == null, () -> "skipped: " + OPENSSL.unavailableReason());
    }

    /** Echo that hands over the session its connection negotiated. */
    private static final class Probe implements Handler {
        final CompletableFuture<SSLSession> session = new CompletableFuture<>();

        @Override
        public void onOpen(Connection c) {
            session.complete(((TlsConnection) c).session());
        }

        @Override
        public void onData(Connection c, Buf data) {
            c.writeAndFlush(data);
        }
    }

    @Test
    void shouldRefuseConfigurationBuiltFromSslContext() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TlsConfig.client(TlsTestCerts.clientContext()).provider(OPENSSL));
        assertTrue(e.getMessage().contains("PEM"), e.getMessage());
    }

    @Test
    void shouldNameOpenSslReasonForKeyNotMatchingCertificate() throws Exception {
        TlsConfig mismatched = TlsConfig.server(TlsTestCerts.cert("RSA"), TlsTestCerts.key("EC")).provider(OPENSSL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Tls.server(mismatched, c -> new Probe()));
        assertTrue(e.getMessage().contains("OpenSSL refused") && e.getMessage().contains("SSL routines"),
            e.getMessage());
    }

    @Test
    void shouldReportSessionOnBothEnds() throws Exception {
        session(TlsTestCerts.server(OPENSSL), TlsTestCerts.client(OPENSSL), "TLSv1.3");
    }

    @Test
    void shouldReportTls12SessionOnBothEnds() throws Exception {
        session(TlsTestCerts.server(OPENSSL).protocols("TLSv1.3", "TLSv1.2"),
            TlsTestCerts.client(OPENSSL).protocols("TLSv1.2"), "TLSv1.2");
    }

    @Test
    void shouldNameOpenSslReasonForCertificateOfAnotherHost() throws Exception {
        try (BackendFixture fx = BackendFixture.start(BackendKind.NIO, 1)) {
            Listener l = fx.listen(Tls.server(TlsTestCerts.server(OPENSSL), c -> new Probe()));
            TlsConfig client = TlsTestCerts.client(OPENSSL).serverName("other.example");
            ExecutionException e = assertThrows(ExecutionException.class, () -> Tls.connect(fx.ferry(),
                l.localAddress(), client, new Probe()).get(10, TimeUnit.SECONDS));
            assertInstanceOf(javax.net.ssl.SSLHandshakeException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("certificate verify failed")
                && e.getCause().getMessage().contains("hostname mismatch"), e.getCause().getMessage());
            fx.assertQuiescent();
        }
    }

    @Test
    void shouldCheckServerAgainstSystemTrustStore() throws Exception {
        try (BackendFixture fx = BackendFixture.start(BackendKind.NIO, 1)) {
            Listener l = fx.listen(Tls.server(TlsTestCerts.server(OPENSSL), c -> new Probe()));
            TlsConfig client = TlsConfig.client().provider(OPENSSL); // the system's CAs: not our self-signed one
            ExecutionException e = assertThrows(ExecutionException.class, () -> Tls.connect(fx.ferry(),
                l.localAddress(), client, new Probe()).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("certificate verify failed")
                && e.getCause().getMessage().contains("self-signed"), e.getCause().getMessage());
            fx.assertQuiescent();
        }
    }

    private static void session(TlsConfig server, TlsConfig client, String protocol) throws Exception {
        try (BackendFixture fx = BackendFixture.start(BackendKind.NIO, 1)) {
            Probe probe = new Probe();
            Listener l = fx.listen(Tls.server(server, c -> probe));
            TlsConnection c = Tls.connect(fx.ferry(), l.localAddress(), client, new Probe()).get(10, TimeUnit.SECONDS);
            SSLSession mine = c.session();
            assertEquals(protocol, mine.getProtocol());
            assertTrue(mine.getCipherSuite().startsWith("TLS_"), mine.getCipherSuite());
            X509Certificate leaf = (X509Certificate) mine.getPeerCertificates()[0];
            assertEquals("CN=localhost", leaf.getSubjectX500Principal().getName());
            SSLSession theirs = probe.session.get(10, TimeUnit.SECONDS);
            assertEquals(protocol, theirs.getProtocol());
            assertEquals(mine.getCipherSuite(), theirs.getCipherSuite());
            c.loop().execute(c::close);
            fx.assertQuiescent();
        }
    }
}
