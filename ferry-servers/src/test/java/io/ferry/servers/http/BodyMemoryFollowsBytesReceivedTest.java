package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: an /echo body is held as it arrives, so memory follows the bytes received, never the Content-Length a
// peer declares: 40 connections that each declare 200,000 bytes and send 10 hold a few pool buffers between them,
// not 8 MB (the handler style reserved the declared length at the first body byte), on every backend, both styles.
@Timeout(60)
class BodyMemoryFollowsBytesReceivedTest {
    private static final int PEERS = 40;
    private static final int DECLARED = 200_000;

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldHoldOnlyWhatArrived(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            List<Socket> peers = new ArrayList<>();
            try {
                byte[] start = ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + DECLARED + "\r\n\r\n0123456789")
                    .getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < PEERS; i++) {
                    Socket s = new Socket("127.0.0.1", fx.port());
                    peers.add(s);
                    OutputStream out = s.getOutputStream();
                    out.write(start);
                    out.flush();
                }
                long held = awaitSettled(fx);
                // Each peer may hold its head's buffer and one body buffer (16 KiB pool buffers).
                long bound = (long) PEERS * 2 * 16 * 1024;
                assertTrue(held <= bound, held + " bytes held for " + PEERS + " peers that sent 10 body bytes each");
            } finally {
                for (Socket s : peers) {
                    s.close();
                }
            }
            fx.assertQuiescent();
        }
    }

    /** Bytes in use once they stop changing (the server has read what the peers sent). */
    private static long awaitSettled(HttpServerFixture fx) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long last = -1;
        long now = fx.bytesInUse();
        while (now != last && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = now;
            now = fx.bytesInUse();
        }
        return now;
    }
}
