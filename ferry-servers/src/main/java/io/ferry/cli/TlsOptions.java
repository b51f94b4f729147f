package io.ferry.cli;

import io.ferry.net.HandlerFactory;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsConfig;
import io.ferry.net.tls.TlsProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --tls [--cert FILE --key FILE] [--tls-provider jdk|openssl]} of {@code ferry serve}: the server's TLS
 * configuration, from the PEM files given, or from a self-signed certificate made at start whose path is printed so
 * that clients can trust it, run by the JDK's TLS or the system's OpenSSL 3.
 */
final class TlsOptions {
    @Option(names = "--tls", description = "Serve over TLS (1.3); without --cert/--key, with a fresh self-signed "
        + "certificate for localhost and 127.0.0.1 whose path is printed on stderr.")
    private boolean tls;

    @Option(names = "--cert", paramLabel = "FILE", description = "With --tls: the certificate chain, PEM, leaf first.")
    private Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "With --tls: the private key, PEM, PKCS#8 (RSA or EC).")
    private Path key;

    @Option(names = "--tls-provider", paramLabel = "NAME", description = "With --tls: jdk (default) or openssl "
        + "(the system's OpenSSL 3, libssl.so.3, through the FFM API).")
    private String provider;

    /** {@return whether --tls was given} */
    boolean requested() {
        return tls;
    }

    /**
     * The configuration the options ask for, or null without {@code --tls}.
     *
     * @param log where to say which certificate is in use
     * @return the server configuration, or null
     * @throws IllegalArgumentException when the options do not fit together or the files cannot be used; the message
     *     names the option
     */
    TlsConfig config(PrintStream log) {
        if (!tls) {
            if (cert != null || key != null || provider != null) {
                throw new IllegalArgumentException("--cert, --key and --tls-provider need --tls");
            }
            return null;
        }
        TlsProvider chosen = provider(provider);
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        try {
            if (cert != null) {
                return TlsConfig.server(cert, key).provider(chosen);
            }
            SelfSignedCertificate made = SelfSignedCertificate.create();
            log.println("ferry: TLS with a self-signed certificate for localhost and 127.0.0.1: " + made.cert()
                + " (trust it, e.g. curl --cacert " + made.cert() + ")");
            return TlsConfig.server(made.cert(), made.key()).provider(chosen);
        } catch (IOException | GeneralSecurityException | IllegalStateException e) {
            throw new IllegalArgumentException("--tls: " + e.getMessage(), e);
        }
    }

    /** The provider {@code name} (jdk or openssl, any case) stands for; JDK when null. */
    static TlsProvider provider(String name) {
        if (name == null) {
            return TlsProvider.JDK;
        }
        try {
            return TlsProvider.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-provider " + name + ": choose jdk or openssl", e);
        }
    }

    /** {@code factory} under TLS when {@code config} is given. */
    static HandlerFactory wrap(TlsConfig config, HandlerFactory factory) {
        return config == null ? factory : Tls.server(config, factory);
    }
}
