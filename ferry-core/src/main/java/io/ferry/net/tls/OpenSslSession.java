package io.ferry.net.tls;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ferry.linux.NativeAccess;
import java.io.ByteArrayInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * What an OpenSSL handshake agreed on, read once when it finished, as an {@link SSLSession}: the protocol, the
 * cipher suite's IANA name, the peer's certificates, the ALPN protocol and the SNI name. It holds no native state,
 * so it stays readable after the connection has closed. Sessions are not resumed: the id is empty and there is
 * no session context.
 *
 * <p>Threads: any.
 */
final class OpenSslSession implements SSLSession {
    private static final byte[] NO_ID = new byte[0];
    private final String protocol;
    private final String cipherSuite;
    private final Certificate[] peerCertificates;
    private final String applicationProtocol;
    private final String requestedServerName;
    private final String peerHost;
    private final int peerPort;
    private final int packetBufferSize;
    private final int applicationBufferSize;
    private final long creationTime = System.currentTimeMillis();
    private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();

    private OpenSslSession(String protocol, String cipherSuite, Certificate[] peerCertificates,
                           String applicationProtocol, String requestedServerName, String peerHost, int peerPort,
                           int packetBufferSize, int applicationBufferSize) {
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
        this.peerCertificates = peerCertificates;
        this.applicationProtocol = applicationProtocol;
        this.requestedServerName = requestedServerName;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.packetBufferSize = packetBufferSize;
        this.applicationBufferSize = applicationBufferSize;
    }

    /** The session of a handshake still in progress: protocol and cipher suite {@code "NONE"}, as the JDK's. */
    static OpenSslSession handshaking(String peerHost, int peerPort, int packet, int application) {
        return new OpenSslSession("NONE", "SSL_NULL_WITH_NULL_NULL", null, null, null, peerHost, peerPort, packet,
            application);
    }

    /** Reads what the finished handshake of {@code ssl} agreed on. */
    static OpenSslSession snapshot(long ssl, boolean client, String peerHost, int peerPort, int packet,
                                   int application) {
        try (Arena arena = Arena.ofConfined()) {
            String protocol = OpenSsl.cString((long) OpenSsl.SSL_GET_VERSION.invokeExact(ssl));
            long cipher = (long) OpenSsl.SSL_GET_CURRENT_CIPHER.invokeExact(ssl);
            String suite = cipher == 0 ? "SSL_NULL_WITH_NULL_NULL"
                : OpenSsl.cString((long) OpenSsl.SSL_CIPHER_STANDARD_NAME.invokeExact(cipher));
            MemorySegment alpn = arena.allocate(JAVA_LONG);
            MemorySegment alpnLength = arena.allocate(JAVA_INT);
            OpenSsl.SSL_GET0_ALPN_SELECTED.invokeExact(ssl, alpn.address(), alpnLength.address());
            int n = alpnLength.get(JAVA_INT, 0);
            String applicationProtocol = n == 0 ? null
                : new String(NativeAccess.segment(alpn.get(JAVA_LONG, 0), n).toArray(ValueLayout.JAVA_BYTE),
                    StandardCharsets.US_ASCII);
            String sni = client ? null : OpenSsl.cString((long) OpenSsl.SSL_GET_SERVERNAME.invokeExact(ssl,
                OpenSsl.TLSEXT_NAMETYPE_HOST_NAME));
            return new OpenSslSession(protocol, suite, peerCertificates(ssl, client, arena), applicationProtocol, sni,
                peerHost, peerPort, packet, application);
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** The peer's chain, leaf first, or null when it sent none (a client without a certificate). */
    private static Certificate[] peerCertificates(long ssl, boolean client, Arena arena) throws Throwable {
        List<Certificate> certs = new ArrayList<>();
        long leaf = (long) OpenSsl.SSL_GET1_PEER_CERTIFICATE.invokeExact(ssl);
        if (leaf == 0) {
            return null;
        }
        try {
            certs.add(certificate(leaf, arena));
        } finally {
            OpenSsl.X509_FREE.invokeExact(leaf);
        }
        long chain = (long) OpenSsl.SSL_GET_PEER_CERT_CHAIN.invokeExact(ssl);
        int count = chain == 0 ? 0 : (int) OpenSsl.OPENSSL_SK_NUM.invokeExact(chain);
        for (int i = client ? 1 : 0; i < count; i++) { // a client's chain starts with the leaf
            certs.add(certificate((long) OpenSsl.OPENSSL_SK_VALUE.invokeExact(chain, i), arena));
        }
        return certs.toArray(Certificate[]::new);
    }

    private static Certificate certificate(long x509, Arena arena) throws Throwable {
        int length = (int) OpenSsl.I2D_X509.invokeExact(x509, 0L);
        MemorySegment der = arena.allocate(length);
        MemorySegment cursor = arena.allocate(JAVA_LONG);
        cursor.set(JAVA_LONG, 0, der.address());
        int written = (int) OpenSsl.I2D_X509.invokeExact(x509, cursor.address());
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(der.asSlice(0, written).toArray(ValueLayout.JAVA_BYTE)));
        } catch (CertificateException e) {
            throw new IllegalStateException("OpenSSL handed over a certificate the JDK cannot read", e);
        }
    }

    String applicationProtocol() {
        return applicationProtocol;
    }

    String requestedServerName() {
        return requestedServerName;
    }

    @Override
    public byte[] getId() {
        return NO_ID;
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return null;
    }

    @Override
    public long getCreationTime() {
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        return creationTime;
    }

    @Override
    public void invalidate() {
        // never resumed, so nothing to invalidate
    }

    @Override
    public boolean isValid() {
        return peerCertificates != null || !"NONE".equals(protocol);
    }

    @Override
    public void putValue(String name, Object value) {
        values.put(name, value);
    }

    @Override
    public Object getValue(String name) {
        return values.get(name);
    }

    @Override
    public void removeValue(String name) {
        values.remove(name);
    }

    @Override
    public String[] getValueNames() {
        return values.keySet().toArray(String[]::new);
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        if (peerCertificates == null) {
            throw new SSLPeerUnverifiedException("the peer sent no certificate");
        }
        return peerCertificates.clone();
    }

    @Override
    public Certificate[] getLocalCertificates() {
        return null;
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        return ((X509Certificate) getPeerCertificates()[0]).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        return null;
    }

    @Override
    public String getCipherSuite() {
        return cipherSuite;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return packetBufferSize;
    }

    @Override
    public int getApplicationBufferSize() {
        return applicationBufferSize;
    }

    @Override
    public String toString() {
        return "OpenSSL session[" + protocol + ", " + cipherSuite + "]";
    }
}
