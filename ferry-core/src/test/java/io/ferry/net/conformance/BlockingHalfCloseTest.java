package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerryServer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: after the peer's FIN a blocking read returns null, the socket can still write, and the
// reply arrives before the server closes (TCP, Unix).
@Timeout(30)
class BlockingHalfCloseTest {
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backendsAndTransports")
    void shouldWriteAfterReadReturnsEndOfStream(BackendKind kind, Transport transport) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, transport, 1);
             FerryServer server = BlockingServers.bind(fx, socket -> {
                 long received = 0;
                 for (Buf b; (b = socket.read()) != null; ) {
                     received += b.readableBytes();
                     b.release();
                 }
                 byte[] reply = ("received " + received).getBytes(StandardCharsets.US_ASCII);
                 socket.write(reply, 0, reply.length);
                 socket.flush();
             })) {
            try (SocketChannel s = SocketChannel.open(server.localAddress())) {
                BackendFixture.writeAll(Channels.newOutputStream(s), BackendFixture.pattern(100_000, 3));
                s.shutdownOutput();
                String reply =
                    new String(BackendFixture.readToEnd(Channels.newInputStream(s)), StandardCharsets.US_ASCII);
                assertEquals("received 100000", reply);
            }
            fx.assertQuiescent();
        }
    }
}
