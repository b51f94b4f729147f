package io.ferry.net.conformance;

import io.ferry.net.tls.TlsConfig;
import io.ferry.net.tls.TlsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Test-only certificates, made once per JVM with the JDK's keytool in a temporary directory: a self-signed
 * certificate for localhost and 127.0.0.1 with an RSA key and one with an EC key, as PEM files (the key as
 * PKCS#8), plus TLS clients on the JDK's {@link SSLSocket} that trust them.
 */
final class TlsTestCerts {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static Path dir;

    private TlsTestCerts() {
    }

    /** The certificate PEM for {@code algorithm} ("RSA" or "EC"). */
    static synchronized Path cert(String algorithm) {
        return make(algorithm).resolve(algorithm + "-cert.pem");
    }

    /** The PKCS#8 key PEM for {@code algorithm}. */
    static synchronized Path key(String algorithm) {
        return make(algorithm).resolve(algorithm + "-key.pem");
    }

    /** A server configuration with the RSA certificate. */
    static TlsConfig server() {
        return server(TlsProvider.JDK);
    }

    /** A server configuration with the RSA certificate, run by {@code provider}. */
    static TlsConfig server(TlsProvider provider) {
        try {
            return TlsConfig.server(cert("RSA"), key("RSA")).provider(provider);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client configuration trusting the RSA certificate. */
    static TlsConfig client() {
        return client(TlsProvider.JDK);
    }

    /** A client configuration trusting the RSA certificate, run by {@code provider}. */
    static TlsConfig client(TlsProvider provider) {
        try {
            return TlsConfig.clientTrusting(cert("RSA")).provider(provider);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every TLS provider that runs here (OpenSSL when the system has OpenSSL 3). */
    static Stream<TlsProvider> providers() {
        return Stream.of(TlsProvider.values()).filter(p -> p.unavailableReason() == null);
    }

    /** Each of {@code cases} once per provider here, the provider as the last argument. */
    static Stream<Arguments> withProviders(Stream<Arguments> cases) {
        return cases.flatMap(c -> providers().map(p -> {
            Object[] base = c.get();
            Object[] args = java.util.Arrays.copyOf(base, base.length + 1);
            args[base.length] = p;
            return Arguments.of(args);
        }));
    }

    /** Every backend here once per pair of providers here (server's, client's). */
    static Stream<Arguments> backendsAndProviderPairs() {
        return withProviders(withProviders(BackendFixture.backends().map(Arguments::of)));
    }

    /** Every backend here once per provider here. */
    static Stream<Arguments> backendsAndProviders() {
        return withProviders(BackendFixture.backends().map(Arguments::of));
    }

    /** A JDK client context trusting both test certificates. */
    static SSLContext clientContext() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (String alg : new String[] {"RSA", "EC"}) {
            try (InputStream in = Files.newInputStream(cert(alg))) {
                trust.setCertificateEntry(alg, java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    /** A JDK TLS socket to 127.0.0.1:{@code port}, handshaken, with the given protocols. */
    static SSLSocket connect(int port, String... protocols) throws IOException, GeneralSecurityException {
        SSLSocket s = (SSLSocket) clientContext().getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(30_000);
        if (protocols.length > 0) {
            s.setEnabledProtocols(protocols);
        }
        s.startHandshake();
        return s;
    }

    /** Sends {@code payload} over TLS, half-closes (close_notify), and returns all that came back. */
    static byte[] echoThrough(int port, byte[] payload) throws IOException, GeneralSecurityException {
        try (SSLSocket s = connect(port)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    BackendFixture.writeAll(s.getOutputStream(), payload);
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Thread::startVirtualThread);
            byte[] back = s.getInputStream().readAllBytes();
            sent.join();
            return back;
        }
    }

    private static Path make(String algorithm) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("ferry-tls-test");
                dir.toFile().deleteOnExit();
            }
            if (!Files.exists(dir.resolve(algorithm + "-key.pem"))) {
                generate(algorithm);
            }
            return dir;
        } catch (IOException | GeneralSecurityException | InterruptedException e) {
            throw new IllegalStateException("making the test certificate: " + e, e);
        }
    }

    private static void generate(String algorithm) throws IOException, GeneralSecurityException,
        InterruptedException {
        Path store = dir.resolve(algorithm + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "test", "-keyalg", algorithm,
            "-keysize", algorithm.equals("EC") ? "256" : "2048", "-validity", "2", "-dname", "CN=localhost",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
            "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        Certificate cert = ks.getCertificate("test");
        Key key = ks.getKey("test", PASSWORD);
        writePem(dir.resolve(algorithm + "-cert.pem"), "CERTIFICATE", cert.getEncoded());
        writePem(dir.resolve(algorithm + "-key.pem"), "PRIVATE KEY", key.getEncoded());
        for (String f : new String[] {algorithm + ".p12", algorithm + "-cert.pem", algorithm + "-key.pem"}) {
            dir.resolve(f).toFile().deleteOnExit();
        }
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A plain socket to the port, for bad-input tests. */
    static Socket raw(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(30_000);
        return s;
    }
}
