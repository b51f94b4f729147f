package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: Ferry.connect reaches a Ferry server and round-trips bytes; a refused connect fails the future.
@Timeout(30)
class ConnectTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldConnectToFerryServer(BackendKind kind) throws Exception {
        byte[] payload = BackendFixture.pattern(200_000, 11);
        CompletableFuture<byte[]> echoed = new CompletableFuture<>();
        CompletableFuture<Throwable> clientClosed = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Listener l = fx.listen(c -> (conn, data) -> conn.writeAndFlush(data));
            Connection conn = fx.ferry().connect(l.localAddress(), new Handler() {
                private final ByteArrayOutputStream got = new ByteArrayOutputStream();

                @Override
                public void onOpen(Connection c) {
                    Buf b = c.loop().pool().acquire(payload.length);
                    b.writeBytes(payload);
                    c.writeAndFlush(b);
                }

                @Override
                public void onData(Connection c, Buf data) {
                    byte[] bytes = new byte[data.readableBytes()];
                    data.readBytes(bytes, 0, bytes.length);
                    data.release();
                    got.writeBytes(bytes);
                    if (got.size() >= payload.length) {
                        echoed.complete(got.toByteArray());
                        c.close();
                    }
                }

                @Override
                public void onClose(Connection c, Throwable cause) {
                    clientClosed.complete(cause);
                }
            }).get(10, TimeUnit.SECONDS);
            assertEquals(l.localAddress(), conn.loop().await(conn::remoteAddress));
            assertNotNull(conn.loop().await(conn::localAddress));
            assertArrayEquals(payload, echoed.get(10, TimeUnit.SECONDS));
            assertNull(clientClosed.get(10, TimeUnit.SECONDS));
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldFailConnectWhenRefused(BackendKind kind) throws Exception {
        int port = BackendFixture.closedPort();
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            CompletableFuture<Connection> f = fx.ferry().connect(new InetSocketAddress("127.0.0.1", port),
                (c, data) -> data.release());
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IOException.class, e.getCause());
            fx.assertQuiescent();
        }
    }
}
