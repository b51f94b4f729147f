package io.ferry.cli;

import io.ferry.net.HandlerFactory;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import picocli.CommandLine.Option;

/**
 * {@code --tls [--cert FILE --key FILE]} of {@code ferry serve}: the server's TLS configuration, from the PEM files
 * given, or from a self-signed certificate made at start whose path is printed so that clients can trust it.
 */
final class TlsOptions {
    @Option(names = "--tls", description = "Serve over TLS (1.3); without --cert/--key, with a fresh self-signed "
        + "certificate for localhost and 127.0.0.1 whose path is printed on stderr.")
    private boolean tls;

    @Option(names = "--cert", paramLabel = "FILE", description = "With --tls: the certificate chain, PEM, leaf first.")
    private Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "With --tls: the private key, PEM, PKCS#8 (RSA or EC).")
    private Path key;

    /**
     * The configuration the options ask for, or null without {@code --tls}.
     *
     * @param log where to say which certificate is in use
     * @return the server configuration, or null
     * @throws IllegalArgumentException when the options do not fit together or the files cannot be used; the message
     *     names the option
     */
    /** {@return whether --tls was given} */
    boolean requested() {
        return tls;
    }

    TlsConfig config(PrintStream log) {
        if (!tls) {
            if (cert != null || key != null) {
                throw new IllegalArgumentException("--cert and --key need --tls");
            }
            return null;
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        try {
            if (cert != null) {
                return TlsConfig.server(cert, key);
            }
            SelfSignedCertificate made = SelfSignedCertificate.create();
            log.println("ferry: TLS with a self-signed certificate for localhost and 127.0.0.1: " + made.cert()
                + " (trust it, e.g. curl --cacert " + made.cert() + ")");
            return TlsConfig.server(made.cert(), made.key());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls: " + e.getMessage(), e);
        }
    }

    /** {@code factory} under TLS when {@code config} is given. */
    static HandlerFactory wrap(TlsConfig config, HandlerFactory factory) {
        return config == null ? factory : Tls.server(config, factory);
    }
}
