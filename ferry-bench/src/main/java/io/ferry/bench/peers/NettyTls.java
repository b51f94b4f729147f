package io.ferry.bench.peers;

import io.ferry.bench.harness.Contender;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The TLS side of the Netty peer: {@code SslHandler} on the JDK's provider ({@code jdk}) or on BoringSSL through
 * netty-tcnative ({@code boringssl}), TLS 1.3 only with TLS_AES_128_GCM_SHA256 only, as every HTTPS contender of
 * {@code ferry bench} is configured. BoringSSL ignores a TLS 1.3 suite list (it logs so) and would pick
 * TLS_AES_256_GCM_SHA384 from OpenSSL's offer: the suite is held by the client too ({@code WrkWorkload}).
 */
final class NettyTls {
    /** The one protocol the HTTPS contenders speak. */
    static final String PROTOCOL = "TLSv1.3";

    private NettyTls() {
    }

    /**
     * The server context for {@code provider} (jdk or boringssl) with this chain and PKCS#8 key.
     *
     * @param provider jdk or boringssl
     * @param cert the certificate chain, PEM
     * @param key the private key, PEM
     * @return the context
     * @throws SSLException when the files cannot be used
     * @throws IllegalArgumentException for another provider, or boringssl when netty-tcnative does not load here
     */
    static SslContext server(String provider, File cert, File key) throws SSLException {
        SslProvider p = switch (provider) {
            case "jdk" -> SslProvider.JDK;
            case "boringssl" -> SslProvider.OPENSSL;
            default -> throw new IllegalArgumentException("unknown TLS provider " + provider + " (jdk, boringssl)");
        };
        if (p == SslProvider.OPENSSL && !OpenSsl.isAvailable()) {
            throw new IllegalArgumentException("netty-tcnative does not load here: "
                + OpenSsl.unavailabilityCause());
        }
        return SslContextBuilder.forServer(cert, key).sslProvider(p).protocols(PROTOCOL)
            .ciphers(List.of(Contender.TLS_CIPHER)).build();
    }
}
