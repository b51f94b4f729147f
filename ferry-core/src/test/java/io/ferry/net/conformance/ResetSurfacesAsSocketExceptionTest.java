package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer's reset reaches the handler as the same kind of exception on every backend: a
 * {@link SocketException} whose message names the peer's address and the reset, not a Ferry-internal type
 * (the Linux backends used to hand over their FFM layer's exception, java.nio its own bare "Connection reset").
 */
class ResetSurfacesAsSocketExceptionTest {
    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldHandTheHandlerASocketExceptionNamingThePeer(BackendKind kind) throws Exception {
        CompletableFuture<Throwable> cause = new CompletableFuture<>();
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            InetSocketAddress at =
                (InetSocketAddress) ferry.listen(new InetSocketAddress("127.0.0.1", 0), c -> new Handler() {
                @Override
                public void onData(Connection conn, Buf data) {
                    conn.writeAndFlush(data);
                }

                @Override
                public void onClose(Connection conn, Throwable failure) {
                    cause.complete(failure);
                }
            }).localAddress();
            int clientPort;
            try (Socket s = new Socket(at.getAddress(), at.getPort())) {
                clientPort = s.getLocalPort();
                s.getOutputStream().write(new byte[] {1, 2, 3});
                InputStream in = s.getInputStream();
                for (int i = 0; i < 3; i++) {
                    assertTrue(in.read() >= 0, "echo");
                }
                s.setSoLinger(true, 0); // close() sends a reset to a server that is reading
            }
            Throwable failure = cause.get(10, TimeUnit.SECONDS);
            assertNotNull(failure, kind + ": a reset closed the connection as if it were orderly");
            SocketException e = assertInstanceOf(SocketException.class, failure, kind + ": " + failure);
            assertTrue(e.getMessage().contains("127.0.0.1:" + clientPort), kind + ": " + e.getMessage());
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("reset"),
                kind + ": " + e.getMessage());
        }
    }
}
