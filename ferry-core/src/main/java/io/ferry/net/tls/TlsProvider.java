package io.ferry.net.tls;

/**
 * Which TLS implementation seals and opens the records: chosen per {@link TlsConfig} with
 * {@link TlsConfig#provider(TlsProvider)}.
 */
public enum TlsProvider {
    /** The JDK's own ({@link javax.net.ssl.SSLEngine}): always there, any {@link javax.net.ssl.SSLContext}. */
    JDK,
    /**
     * The system's OpenSSL 3 ({@code libssl.so.3}), called through the FFM API: the records cost the loop no heap
     * allocation and the handshake runs on OpenSSL's native crypto. Needs a configuration made from PEM files
     * ({@link TlsConfig#server(java.nio.file.Path, java.nio.file.Path)},
     * {@link TlsConfig#clientTrusting(java.nio.file.Path)} or {@link TlsConfig#client()}) and the library
     * installed (Debian/Ubuntu: {@code libssl3}).
     */
    OPENSSL;

    /**
     * Whether this provider can run here.
     *
     * @return null when it can, else why not and what to install
     */
    public String unavailableReason() {
        return this == JDK ? null : OpenSsl.unavailableReason();
    }
}
