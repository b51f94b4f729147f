package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: after the peer's FIN the server sees onInputClosed, can still write, and then closes cleanly (TCP, Unix).
@Timeout(30)
class HalfCloseTest {
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backendsReceivesAndTransports")
    void shouldWriteAfterPeerShutdownOutput(BackendFixture.BackendReceive backend,
        Transport transport) throws Exception {
        CompletableFuture<Throwable> closedWith = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(backend, transport, 1)) {
            Listener l = fx.listen(c -> new Handler() {
                private long received;

                @Override
                public void onData(Connection conn, Buf data) {
                    received += data.readableBytes();
                    data.release();
                }

                @Override
                public void onInputClosed(Connection conn) {
                    Buf reply = conn.loop().pool().acquire();
                    byte[] text = ("received " + received).getBytes(StandardCharsets.US_ASCII);
                    reply.writeBytes(text, 0, text.length);
                    conn.writeAndFlush(reply);
                    conn.close();
                }

                @Override
                public void onClose(Connection conn, Throwable cause) {
                    closedWith.complete(cause);
                }
            });
            try (SocketChannel s = SocketChannel.open(l.localAddress())) {
                BackendFixture.writeAll(Channels.newOutputStream(s), BackendFixture.pattern(100_000, 3));
                s.shutdownOutput();
                String reply =
                    new String(BackendFixture.readToEnd(Channels.newInputStream(s)), StandardCharsets.US_ASCII);
                assertEquals("received 100000", reply);
            }
            assertNull(closedWith.get(10, TimeUnit.SECONDS), "orderly close has no cause");
            fx.assertQuiescent();
            assertTrue(fx.errors().isEmpty());
        }
    }
}
