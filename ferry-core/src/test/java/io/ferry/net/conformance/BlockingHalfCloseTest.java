package io.ferry.net.conformance;

import java.net.InetSocketAddress;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerryServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: after the peer's FIN a blocking read returns null, the socket can still write, and the
// reply arrives before the server closes.
@Timeout(30)
class BlockingHalfCloseTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldWriteAfterReadReturnsEndOfStream(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1);
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
            try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                BackendFixture.writeAll(s.getOutputStream(), BackendFixture.pattern(100_000, 3));
                s.shutdownOutput();
                String reply = new String(BackendFixture.readToEnd(s.getInputStream()), StandardCharsets.US_ASCII);
                assertEquals("received 100000", reply);
            }
            fx.assertQuiescent();
        }
    }
}
