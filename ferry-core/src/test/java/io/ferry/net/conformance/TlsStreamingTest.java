package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a server streaming over TLS, in both styles and on every backend, delivers everything to a slow
// reader and reports a reset mid-write as its close cause; Ferry.close() finishes promptly with writes stuck
// behind clients that never read; nothing is left behind.
@Timeout(60)
class TlsStreamingTest {
    private static final long SLOW_TOTAL = 8L * 1024 * 1024;

    enum Style { HANDLER, BLOCKING }

    static Stream<Arguments> cases() {
        return TlsTestCerts.withProviders(BackendFixture.backends().flatMap(k -> Stream.of(Style.values())
            .map(s -> Arguments.of(k, s))));
    }

    /** Streams {@code limit} pattern bytes to every client over TLS; each close cause lands in {@code closed}. */
    private static int firehose(BackendFixture fx, Style style, TlsProvider provider, long limit, int seed,
                                List<CompletableFuture<Throwable>> closed) throws IOException {
        if (style == Style.HANDLER) {
            return ((InetSocketAddress) fx.listen(Tls.server(TlsTestCerts.server(provider), c -> {
                Firehose f = new Firehose(limit, seed);
                closed.add(f.closed());
                return f;
            })).localAddress()).getPort();
        }
        FerryServer server = FerryServer.bind(fx.ferry(), new InetSocketAddress("127.0.0.1", 0),
            fx.ferry().socketOptions(), TlsTestCerts.server(provider), socket -> {
                CompletableFuture<Throwable> end = new CompletableFuture<>();
                closed.add(end);
                try {
                    pump(socket, limit, seed);
                    end.complete(null);
                } catch (IOException e) {
                    end.complete(e);
                    throw e;
                }
            });
        return ((InetSocketAddress) server.localAddress()).getPort(); // closed with the runtime
    }

    private static void pump(FerrySocket socket, long limit, int seed) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        for (long written = 0; written < limit; ) {
            int n = (int) Math.min(chunk.length, limit - written);
            for (int i = 0; i < n; i++) {
                chunk[i] = BackendFixture.patternByte(written + i, seed);
            }
            socket.write(chunk, 0, n);
            written += n;
        }
        socket.flush();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldDeliverEverythingToSlowReader(BackendKind kind, Style style, TlsProvider provider) throws Exception {
        List<CompletableFuture<Throwable>> closed = new CopyOnWriteArrayList<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            int port = firehose(fx, style, provider, SLOW_TOTAL, 9, closed);
            long received;
            try (Socket plain = new Socket()) {
                plain.setReceiveBufferSize(16 * 1024);
                plain.connect(new InetSocketAddress("127.0.0.1", port));
                try (SSLSocket s = (SSLSocket) TlsTestCerts.clientContext().getSocketFactory()
                    .createSocket(plain, "127.0.0.1", port, true)) {
                    s.startHandshake();
                    Thread.sleep(300); // let the kernel buffers fill so the server meets backpressure
                    received = BackendFixture.readSlowlyChecking(s.getInputStream(), 9);
                }
            }
            assertEquals(SLOW_TOTAL, received, "bytes received");
            assertNull(closed.get(0).get(10, TimeUnit.SECONDS), "orderly close");
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldReportResetMidWrite(BackendKind kind, Style style, TlsProvider provider) throws Exception {
        List<CompletableFuture<Throwable>> closed = new CopyOnWriteArrayList<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            int port = firehose(fx, style, provider, Long.MAX_VALUE, 5, closed);
            try (Socket plain = new Socket("127.0.0.1", port);
                 SSLSocket s = (SSLSocket) TlsTestCerts.clientContext().getSocketFactory()
                     .createSocket(plain, "127.0.0.1", port, false)) {
                s.startHandshake();
                InputStream in = s.getInputStream();
                byte[] chunk = new byte[64 * 1024];
                for (long got = 0; got < 1024 * 1024; ) {
                    got += in.read(chunk);
                }
                plain.setSoLinger(true, 0);
                plain.close(); // RST while the server still writes
            }
            BackendFixture.awaitTrue(() -> !closed.isEmpty());
            assertInstanceOf(IOException.class, closed.get(0).get(10, TimeUnit.SECONDS), "the close cause");
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldShutDownPromptlyWithWritesPending(BackendKind kind, Style style, TlsProvider provider) throws Exception {
        List<CompletableFuture<Throwable>> closed = new CopyOnWriteArrayList<>();
        List<Socket> clients = new ArrayList<>();
        BackendFixture fx = BackendFixture.start(kind, 1, b -> b.closeGrace(200, TimeUnit.MILLISECONDS));
        try {
            int port = firehose(fx, style, provider, Long.MAX_VALUE, 1, closed);
            for (int i = 0; i < 4; i++) {
                clients.add(TlsTestCerts.connect(port)); // handshakes, then never reads
            }
            BackendFixture.awaitTrue(() -> closed.size() == 4);
            Thread.sleep(200); // the kernel buffers fill and writes queue up in Ferry
            long start = System.nanoTime();
            fx.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 5_000, "close took " + millis + " ms");
            assertEquals(4, closed.size());
            fx.assertPoolsAtBaseline();
            assertTrue(fx.errors().isEmpty(), "errors: " + fx.errors());
        } finally {
            fx.close();
            for (Socket s : clients) {
                s.close();
            }
        }
    }
}
