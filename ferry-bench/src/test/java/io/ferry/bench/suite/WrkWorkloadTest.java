package io.ferry.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: the wrk command lines of the http and https workloads (keep-alive, pipelined, a new connection per
// request), the server kind each drives, and that the OpenSSL configuration handed to wrk over https really
// limits OpenSSL to TLS 1.3 with TLS_AES_128_GCM_SHA256 (checked with the openssl tool when it is installed).
@Timeout(30)
class WrkWorkloadTest {
    private static final InetSocketAddress AT = new InetSocketAddress("127.0.0.1", 8443);

    @Test
    void shouldKeepConnectionsAliveOverHttps() {
        WrkWorkload w = new WrkWorkload("https-plaintext", "/plaintext", 64, 1, "https");
        assertEquals("https", w.app());
        assertEquals(List.of("wrk", "-t1", "-c64", "-d5s", "--latency", "https://127.0.0.1:8443/plaintext"),
            w.command("wrk", AT, 5, null));
    }

    @Test
    void shouldPipelineThroughTheScript() {
        WrkWorkload w = new WrkWorkload("https-pipelined", "/plaintext", 64, 16, "https");
        assertEquals(List.of("wrk", "-t1", "-c64", "-d2s", "--latency", "-s", "/tmp/p.lua",
            "https://127.0.0.1:8443/plaintext"), w.command("wrk", AT, 1.6, Path.of("/tmp/p.lua")));
    }

    @Test
    void shouldAskForANewConnectionPerRequest() {
        WrkWorkload w = WrkWorkload.newConnectionEach("https-handshakes", "/plaintext", 64, "https");
        assertEquals("https", w.app());
        assertEquals(List.of("wrk", "-t1", "-c64", "-d1s", "--latency", "-H", "Connection: close",
            "https://127.0.0.1:8443/plaintext"), w.command("wrk", AT, 0.2, null));
    }

    @Test
    void shouldDrivePlainHttpServersWithoutTls() {
        WrkWorkload w = new WrkWorkload("http-plaintext", "/plaintext", 64, 1);
        assertEquals("http", w.app());
        assertFalse(w.command("wrk", AT, 5, null).contains("Connection: close"));
    }

    @Test
    void shouldOfferOnlyTls13WithAes128Gcm() throws Exception {
        String openssl = Tools.find("openssl");
        assumeTrue(openssl != null, "openssl is not installed");
        Path conf = Files.createTempFile("ferry-wrk-openssl", ".cnf");
        try {
            Files.writeString(conf, WrkWorkload.opensslConfig());
            String suites = Tools.run(List.of(openssl, "ciphers", "-s"), 20, Map.of("OPENSSL_CONF", conf.toString()))
                .trim();
            assertTrue(suites.startsWith("TLS_AES_128_GCM_SHA256:"), suites);
            assertFalse(suites.contains("TLS_AES_256_GCM_SHA384") || suites.contains("TLS_CHACHA20"), suites);
        } finally {
            Files.deleteIfExists(conf);
        }
    }
}
