package io.ferry.net.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * What a TLS endpoint presents and accepts: an {@link SSLContext} (the caller's own, or one read from PEM
 * files), the side (server or client), the protocol versions (TLS 1.3 only by default; {@link #protocols} may
 * allow TLS 1.2), ALPN names, the handshake timeout (10 s by default) and, for a client, the server name sent
 * with SNI and checked against the server's certificate (the HTTPS rules, on by default), and the
 * {@link TlsProvider} that runs it ({@link TlsProvider#JDK} by default; {@link TlsProvider#OPENSSL} for a
 * configuration made from PEM files, or {@link #client()}, when the system has OpenSSL 3).
 *
 * <p>Immutable: every {@code with}-style method returns a new configuration. Threads: any.
 */
public final class TlsConfig {
    /** The handshake timeout unless {@link #handshakeTimeout(Duration)} says otherwise. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> TLS13 = List.of("TLSv1.3");
    private static final List<String> ALLOWED = List.of("TLSv1.3", "TLSv1.2");

    private final SSLContext context;
    private final Pem pem;
    private final TlsProvider provider;
    private final boolean client;
    private final List<String> protocols;
    private final List<String> applicationProtocols;
    private final Duration handshakeTimeout;
    private final String serverName;
    private final boolean verifyHostname;
    private volatile OpenSslContext openssl;

    /** The files a configuration was read from (null when it came from an {@link SSLContext}). */
    private record Pem(Path chain, Path key, Path trust) {
    }

    private TlsConfig(SSLContext context, Pem pem, TlsProvider provider, boolean client, List<String> protocols,
                      List<String> applicationProtocols, Duration handshakeTimeout, String serverName,
                      boolean verifyHostname) {
        this.context = Objects.requireNonNull(context, "context");
        this.pem = pem;
        this.provider = provider;
        this.client = client;
        this.protocols = protocols;
        this.applicationProtocols = applicationProtocols;
        this.handshakeTimeout = handshakeTimeout;
        this.serverName = serverName;
        this.verifyHostname = verifyHostname;
    }

    private static TlsConfig of(SSLContext context, Pem pem, boolean client) {
        return new TlsConfig(context, pem, TlsProvider.JDK, client, TLS13, List.of(), DEFAULT_HANDSHAKE_TIMEOUT, null,
            client);
    }

    /**
     * A server presenting the key and certificates of {@code context}.
     *
     * @param context the caller's context, initialised with key managers
     * @return the configuration
     */
    public static TlsConfig server(SSLContext context) {
        return of(context, null, false);
    }

    /**
     * A server presenting the certificate chain in {@code chainPem} (leaf first) with the PKCS#8 key (RSA or EC)
     * in {@code keyPem}, both PEM files.
     *
     * @param chainPem the certificates, PEM
     * @param keyPem the unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}), PEM
     * @return the configuration
     * @throws IOException when a file cannot be read
     * @throws GeneralSecurityException when a file does not hold what it should; the message names it
     */
    public static TlsConfig server(Path chainPem, Path keyPem) throws IOException, GeneralSecurityException {
        return of(PemFiles.keyContext(chainPem, keyPem), new Pem(chainPem, keyPem, null), false);
    }

    /**
     * A client trusting what {@code context}'s trust managers trust.
     *
     * @param context the caller's context
     * @return the configuration, verifying the server's host name
     */
    public static TlsConfig client(SSLContext context) {
        return of(context, null, true);
    }

    /**
     * A client trusting the default certificate authorities: the JDK's, or with {@link TlsProvider#OPENSSL} the
     * system's (OpenSSL's default verify paths).
     *
     * @return the configuration, verifying the server's host name
     * @throws NoSuchAlgorithmException when the JDK has no default context
     */
    public static TlsConfig client() throws NoSuchAlgorithmException {
        return of(SSLContext.getDefault(), new Pem(null, null, null), true);
    }

    /**
     * A client trusting exactly the certificates in {@code authoritiesPem}, such as a self-signed server's own.
     *
     * @param authoritiesPem the trusted certificates, PEM
     * @return the configuration, verifying the server's host name
     * @throws IOException when the file cannot be read
     * @throws GeneralSecurityException when it holds no certificate
     */
    public static TlsConfig clientTrusting(Path authoritiesPem) throws IOException, GeneralSecurityException {
        return of(PemFiles.trustContext(authoritiesPem), new Pem(null, null, authoritiesPem), true);
    }

    /**
     * Which protocol versions to offer or accept.
     *
     * @param versions some of {@code "TLSv1.3"} and {@code "TLSv1.2"}
     * @return a copy with those versions
     * @throws IllegalArgumentException for any other version, or none
     */
    public TlsConfig protocols(String... versions) {
        List<String> v = List.of(versions);
        if (v.isEmpty() || !ALLOWED.containsAll(v)) {
            throw new IllegalArgumentException("protocols " + v + ": choose from " + ALLOWED);
        }
        return new TlsConfig(context, pem, provider, client, v, applicationProtocols, handshakeTimeout, serverName,
            verifyHostname);
    }

    /**
     * The ALPN names offered (client) or accepted (server, first match in this order wins).
     *
     * @param names such as {@code "http/1.1"}; none turns ALPN off
     * @return a copy with those names
     */
    public TlsConfig applicationProtocols(String... names) {
        return new TlsConfig(context, pem, provider, client, protocols, List.of(names), handshakeTimeout, serverName,
            verifyHostname);
    }

    /**
     * How long the handshake may take from the TCP connection's opening; a connection still handshaking then is
     * closed with an {@link javax.net.ssl.SSLHandshakeException}.
     *
     * @param timeout positive
     * @return a copy with that timeout
     */
    public TlsConfig handshakeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("handshake timeout " + timeout + " is not positive");
        }
        return new TlsConfig(context, pem, provider, client, protocols, applicationProtocols, timeout, serverName,
            verifyHostname);
    }

    /**
     * Client side: the host name to send with SNI and to check the certificate against, instead of the host of
     * the address connected to.
     *
     * @param host a DNS name or an IP literal (an IP is checked but not sent, as SNI carries names only)
     * @return a copy with that name
     */
    public TlsConfig serverName(String host) {
        return new TlsConfig(context, pem, provider, client, protocols, applicationProtocols, handshakeTimeout,
            Objects.requireNonNull(host, "host"), verifyHostname);
    }

    /**
     * Client side: whether to check the server's certificate against the host name (on by default). Turning it
     * off accepts any certificate the trust managers accept, for any name: for tests only.
     *
     * @param verify false to skip the check
     * @return a copy with that choice
     */
    public TlsConfig hostnameVerification(boolean verify) {
        return new TlsConfig(context, pem, provider, client, protocols, applicationProtocols, handshakeTimeout,
            serverName, verify);
    }

    /**
     * Which implementation runs the connections of this configuration.
     *
     * <p>Note: {@link TlsProvider#OPENSSL} reads the PEM files again (its own way) when the first connection
     * opens, and needs the configuration to come from them: one built from an {@link SSLContext} is refused.
     *
     * @param provider the implementation
     * @return a copy using it
     * @throws IllegalArgumentException for OpenSSL and a configuration built from an {@link SSLContext}
     * @throws IllegalStateException for OpenSSL when OpenSSL 3 cannot be loaded; the message says what to install
     */
    public TlsConfig provider(TlsProvider provider) {
        if (provider == TlsProvider.OPENSSL) {
            if (pem == null) {
                throw new IllegalArgumentException("the OpenSSL TLS provider reads PEM files, and this configuration"
                    + " was built from an SSLContext: use TlsConfig.server(chainPem, keyPem),"
                    + " TlsConfig.clientTrusting(pem) or TlsConfig.client(), or TlsProvider.JDK");
            }
            OpenSsl.require();
        }
        return new TlsConfig(context, pem, Objects.requireNonNull(provider, "provider"), client, protocols,
            applicationProtocols, handshakeTimeout, serverName, verifyHostname);
    }

    /** {@return the implementation that runs this configuration's connections} */
    public TlsProvider provider() {
        return provider;
    }

    /** {@return true for a client configuration} */
    public boolean isClient() {
        return client;
    }

    /** {@return how long a handshake may take} */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** {@return the protocol versions offered or accepted} */
    public List<String> protocols() {
        return protocols;
    }

    List<String> applicationProtocolList() {
        return applicationProtocols;
    }

    /**
     * Makes what every connection shares, once: for OpenSSL the {@code SSL_CTX}, so a bad file shows when
     * serving or connecting starts, not at the first connection.
     *
     * @throws IllegalArgumentException when OpenSSL refuses a file or setting; the message has its reasons
     */
    synchronized void prepare() {
        if (provider == TlsProvider.OPENSSL && openssl == null) {
            try {
                openssl = OpenSslContext.create(this, pem.chain(), pem.key(), pem.trust());
            } catch (SSLException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /**
     * A fresh engine for one connection.
     *
     * @param peerHost the host connected to (client side), or null
     * @param peerPort its port, or -1
     * @return the engine, in client or server mode, with this configuration's parameters
     */
    RecordEngine newEngine(String peerHost, int peerPort) {
        String host = serverName != null ? serverName : peerHost;
        if (provider == TlsProvider.OPENSSL) {
            if (openssl == null) {
                prepare();
            }
            return OpenSslEngine.create(openssl, client, client && host != null && isHostName(host) ? host : null,
                client && verifyHostname ? host : null, host, peerPort);
        }
        return new JdkRecordEngine(jdkEngine(host, peerPort));
    }

    private SSLEngine jdkEngine(String host, int peerPort) {
        SSLEngine engine = client && host != null ? context.createSSLEngine(host, peerPort) : context.createSSLEngine();
        engine.setUseClientMode(client);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(protocols.toArray(String[]::new));
        if (!applicationProtocols.isEmpty()) {
            p.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
        }
        if (client && verifyHostname) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (client && host != null && isHostName(host)) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(p);
        return engine;
    }

    private static boolean isHostName(String host) {
        return !host.isEmpty() && !host.contains(":")
            && !host.chars().allMatch(ch -> ch == '.' || Character.isDigit(ch));
    }

    @Override
    public String toString() {
        return "TlsConfig[" + (client ? "client" : "server") + ", " + provider + ", " + protocols + ", alpn "
            + applicationProtocols + ", handshake timeout " + handshakeTimeout
            + (serverName == null ? "" : ", server name " + serverName) + "]";
    }
}
