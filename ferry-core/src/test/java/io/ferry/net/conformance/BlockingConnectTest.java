package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import java.io.DataInputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: FerrySocket.connect reaches a blocking Ferry server, round-trips bytes through the stream
// adapters, and a refused connect throws ConnectException naming the address.
@Timeout(30)
class BlockingConnectTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldConnectAndRoundTripThroughStreams(BackendKind kind) throws Exception {
        byte[] payload = BackendFixture.pattern(200_000, 11);
        try (BackendFixture fx = BackendFixture.start(kind, 2);
             FerryServer server = BlockingServers.bind(fx, s -> s.inputStream().transferTo(s.outputStream()))) {
            FerrySocket client = FerrySocket.connect(fx.ferry(), server.localAddress(), Duration.ofSeconds(10));
            try (client) {
                assertEquals(server.localAddress(), client.remoteAddress());
                client.outputStream().write(payload);
                client.shutdownOutput();
                byte[] back = new byte[payload.length];
                new DataInputStream(client.inputStream()).readFully(back);
                assertArrayEquals(payload, back);
                assertNull(client.read(), "end of stream after the echo");
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldThrowConnectExceptionWhenRefused(BackendKind kind) throws Exception {
        int port = BackendFixture.closedPort();
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            InetSocketAddress nowhere = new InetSocketAddress("127.0.0.1", port);
            ConnectException e = assertThrows(ConnectException.class, () -> FerrySocket.connect(fx.ferry(), nowhere));
            assertEquals(true, e.getMessage().contains(nowhere.toString()), e.getMessage());
            fx.assertQuiescent();
        }
    }
}
