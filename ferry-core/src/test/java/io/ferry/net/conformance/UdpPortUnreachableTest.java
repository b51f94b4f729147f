package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.DatagramAddress;
import io.ferry.net.DatagramHandler;
import io.ferry.net.DatagramOptions;
import io.ferry.net.DatagramSocket;
import io.ferry.net.blocking.FerryDatagramSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: on a connected UDP socket whose peer port is closed, the ICMP port unreachable surfaces as a
// PortUnreachableException (ECONNREFUSED), in both styles, and the socket stays usable and closes cleanly.
@Timeout(60)
class UdpPortUnreachableTest {
    static Stream<BackendKind> backends() {
        return BackendFixture.backends();
    }

    /** A loopback UDP port nothing is bound to (bound, then released). */
    static InetSocketAddress closedPort() throws IOException {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldReportUnreachableToTheHandler(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            long before = UdpPeers.descriptors();
            CompletableFuture<IOException> error = new CompletableFuture<>();
            DatagramSocket socket = fx.ferry().openDatagram(UdpPeers.Family.IPV4.any(),
                DatagramOptions.defaults().withRemote(closedPort()), new DatagramHandler() {
                    @Override
                    public void onDatagram(DatagramSocket s, Buf data, DatagramAddress from, boolean t) {
                        data.release();
                    }

                    @Override
                    public void onError(DatagramSocket s, IOException e) {
                        error.complete(e);
                    }
                });
            socket.loop().execute(() -> socket.send(socket.loop().pool().acquire(8).writeLong(42)));
            IOException e = error.get(10, TimeUnit.SECONDS);
            assertInstanceOf(PortUnreachableException.class, e, () -> "got " + e);
            assertTrue(e.getMessage().contains(socket.remoteAddress().toString()), e.getMessage());
            UdpPeers.closeAndSettle(socket);
            fx.assertQuiescent();
            UdpPeers.assertDescriptorsBackTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldThrowUnreachableFromTheNextBlockingReceive(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            long before = UdpPeers.descriptors();
            try (FerryDatagramSocket s = FerryDatagramSocket.open(fx.ferry(), UdpPeers.Family.IPV4.any(),
                DatagramOptions.defaults().withRemote(closedPort()))) {
                s.send(new byte[] {1, 2, 3}, 0, 3, null);
                assertThrows(PortUnreachableException.class, () -> s.receive(10, TimeUnit.SECONDS));
            }
            fx.assertQuiescent();
            UdpPeers.assertDescriptorsBackTo(before);
        }
    }
}
