package io.ferry.bench.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: nginx's configuration listens with TLS 1.3 only, TLS_AES_128_GCM_SHA256 only and the certificate
// given when asked for TLS, and is the plain one otherwise.
@Timeout(10)
class CServersTest {
    private static final Path DIR = Path.of("/tmp/nginx-dir");

    @Test
    void shouldListenOverTls13WithTheCertificate() {
        String conf = CServers.config(DIR, 8443, 4096, Path.of("/c/cert.pem"), Path.of("/c/key.pem"));
        assertTrue(conf.contains("listen 127.0.0.1:8443 ssl backlog=4096;"), conf);
        assertTrue(conf.contains("ssl_certificate /c/cert.pem;"), conf);
        assertTrue(conf.contains("ssl_certificate_key /c/key.pem;"), conf);
        assertTrue(conf.contains("ssl_protocols TLSv1.3;"), conf);
        assertTrue(conf.contains("ssl_conf_command Ciphersuites TLS_AES_128_GCM_SHA256;"), conf);
        assertTrue(conf.contains("location = /plaintext"), conf);
    }

    @Test
    void shouldListenInPlainTextWithoutACertificate() {
        String conf = CServers.config(DIR, 8080, 4096, null, null);
        assertTrue(conf.contains("listen 127.0.0.1:8080 backlog=4096;"), conf);
        assertFalse(conf.contains("ssl"), conf);
        assertTrue(conf.contains("location = /plaintext"), conf);
    }
}
