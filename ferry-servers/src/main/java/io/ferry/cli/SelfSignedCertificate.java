package io.ferry.cli;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh self-signed certificate for {@code localhost} and {@code 127.0.0.1} (EC P-256, valid 30 days), written
 * as {@code cert.pem} and a PKCS#8 {@code key.pem} into a new private directory, for {@code ferry serve --tls}
 * without certificate files and for benchmarks over TLS. Clients trust it with the printed {@code cert.pem} (curl
 * {@code --cacert}).
 *
 * @param cert the certificate, PEM
 * @param key its private key, PKCS#8 PEM
 */
public record SelfSignedCertificate(Path cert, Path key) {
    private static final Duration VALIDITY = Duration.ofDays(30);

    /**
     * Makes the key pair and the certificate, and writes both files.
     *
     * @return where the files are
     * @throws IOException when the files cannot be written
     * @throws GeneralSecurityException when the JDK lacks EC P-256 or the signature fails
     */
    public static SelfSignedCertificate create() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
            new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(VALIDITY)), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress())}));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509CertificateHolder holder;
        try {
            holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("signing the self-signed certificate: " + e.getMessage(), e);
        }
        Path dir = Files.createTempDirectory("ferry-tls-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        writePem(cert, "CERTIFICATE", holder.getEncoded());
        writePem(key, "PRIVATE KEY", pair.getPrivate().getEncoded());
        return new SelfSignedCertificate(cert, key);
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("-----BEGIN " + type + "-----\n");
            w.write(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der));
            w.write("\n-----END " + type + "-----\n");
        }
    }
}
