package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a client that pipelines far more requests than it reads responses for makes the server stop reading, so
// server memory stays bounded (in both styles), and once the client reads, every request is answered.
@Timeout(60)
class BackpressureTest {
    /** 24 MB of requests asking for 12 MB of responses: more than loopback socket buffers absorb. */
    private static final int REQUESTS = 100_000;
    /** 2 MiB of 16 KiB buffers: far below the responses the requests ask for. */
    private static final int MAX_BUFFERS = 128;

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldPauseReadingWhileResponsesPileUp(BackendKind kind, Style style) throws Exception {
        byte[] request = ("GET /plaintext HTTP/1.1\r\nHost: t\r\nX-Pad: " + "p".repeat(200) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        byte[] batch = new byte[request.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(request, 0, batch, i * request.length, request.length);
        }
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(64 * 1024);
                s.setSendBufferSize(64 * 1024);
                s.connect(new java.net.InetSocketAddress("127.0.0.1", fx.port()));
                AtomicLong written = new AtomicLong();
                OutputStream out = s.getOutputStream();
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < REQUESTS / 1000; i++) {
                            out.write(batch);
                            written.addAndGet(batch.length);
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                awaitStall(written);
                assertTrue(written.get() < (long) REQUESTS * request.length, "the writer never blocked");
                int inUse = fx.buffersInUse();
                assertTrue(inUse <= MAX_BUFFERS,
                    kind + ": " + inUse + " buffers in use while the client does not read; " + fx.poolStats());
                assertEquals(REQUESTS, countResponses(s.getInputStream()));
                writer.join();
            }
            fx.assertQuiescent();
        }
    }

    /** Waits until {@code written} has not moved for 300 ms (the client's sends block). */
    private static void awaitStall(AtomicLong written) throws InterruptedException {
        long last = -1;
        while (written.get() != last) {
            last = written.get();
            Thread.sleep(300);
        }
    }

    /** Reads until {@link #REQUESTS} bodies ("Hello, World!", the only '!' in a response) arrived. */
    private static int countResponses(InputStream in) throws java.io.IOException {
        byte[] buf = new byte[64 * 1024];
        int seen = 0;
        while (seen < REQUESTS) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '!') {
                    seen++;
                }
            }
        }
        return seen;
    }
}
