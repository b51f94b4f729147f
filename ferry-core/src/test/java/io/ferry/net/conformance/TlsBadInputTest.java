package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import io.ferry.buffer.Buf;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: whatever a bad peer sends to a TLS port (plaintext, garbage, a cut record, half a handshake, an
// oversized record, nothing at all), the server ends the connection within the handshake timeout with an
// SSLException for its handler, and leaves nothing behind.
@Timeout(60)
class TlsBadInputTest {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);
    private static final long CLOSED_WITHIN_MS = 6_000;

    /** What the bad peer sends, and whether it then half-closes. */
    enum Input {
        PLAINTEXT_HTTP(false) {
            byte[] bytes() {
                return "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            }
        },
        GARBAGE(false) {
            byte[] bytes() {
                byte[] b = new byte[4096];
                new Random(15).nextBytes(b);
                return b;
            }
        },
        TRUNCATED_RECORD_THEN_CLOSE(true) {
            byte[] bytes() {
                return Arrays.copyOf(clientHello(), 40);
            }
        },
        HALF_A_HANDSHAKE(false) {
            byte[] bytes() {
                byte[] hello = clientHello();
                return Arrays.copyOf(hello, hello.length / 2);
            }
        },
        WHOLE_HELLO_THEN_SILENCE(false) {
            byte[] bytes() {
                return clientHello();
            }
        },
        OVERSIZED_RECORD(false) {
            byte[] bytes() {
                byte[] b = new byte[1024];
                b[0] = 22;
                b[1] = 3;
                b[2] = 3;
                b[3] = (byte) 0xff; // 65,535 bytes: far above the 18,432 a record may hold
                b[4] = (byte) 0xff;
                return b;
            }
        },
        NOTHING(false) {
            byte[] bytes() {
                return new byte[0];
            }
        };

        final boolean halfClose;

        Input(boolean halfClose) {
            this.halfClose = halfClose;
        }

        abstract byte[] bytes();
    }

    static Stream<Arguments> cases() {
        return TlsTestCerts.withProviders(BackendFixture.backends().flatMap(k -> Stream.of(Input.values())
            .map(i -> Arguments.of(k, i))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldCloseBadPeerWithinTimeout(BackendKind kind, Input input, TlsProvider provider) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            CompletableFuture<Throwable> closed = new CompletableFuture<>();
            Listener l = fx.listen(Tls.server(TlsTestCerts.server(provider).handshakeTimeout(HANDSHAKE_TIMEOUT),
                c -> new Handler() {
                    @Override
                    public void onData(Connection connection, Buf data) {
                        data.release();
                    }

                    @Override
                    public void onClose(Connection connection, Throwable cause) {
                        closed.complete(cause);
                    }
                }));
            long start = System.nanoTime();
            try (Socket s = TlsTestCerts.raw(((InetSocketAddress) l.localAddress()).getPort())) {
                OutputStream out = s.getOutputStream();
                out.write(input.bytes());
                out.flush();
                if (input.halfClose) {
                    s.shutdownOutput();
                }
                drainUntilClosed(s.getInputStream());
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMs < CLOSED_WITHIN_MS, "closed after " + tookMs + " ms");
            assertInstanceOf(SSLException.class, closed.get(5, TimeUnit.SECONDS), "the handler's cause");
            fx.assertQuiescent();
        }
    }

    /** Reads (an alert, maybe) until the server closes or resets. */
    private static void drainUntilClosed(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) >= 0) {
                // alerts
            }
        } catch (SocketException reset) {
            // a reset is a close too
        }
    }

    /** A real TLS 1.3 ClientHello from the JDK's engine. */
    static byte[] clientHello() {
        try {
            SSLEngine e = TlsTestCerts.clientContext().createSSLEngine("localhost", 443);
            e.setUseClientMode(true);
            ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
            e.wrap(ByteBuffer.allocate(0), out);
            return Arrays.copyOf(out.array(), out.position());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
