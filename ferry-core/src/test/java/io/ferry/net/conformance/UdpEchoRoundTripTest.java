package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.net.DatagramSocket;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a handler-style UDP echo returns each datagram whole, from its own address, over IPv4 and IPv6.
@Timeout(60)
class UdpEchoRoundTripTest {
    static Stream<Arguments> cases() {
        return BackendFixture.backends().flatMap(k -> Stream.of(UdpPeers.Family.values()).flatMap(f ->
            IntStream.of(0, 1, 1_200, 65_507).mapToObj(n -> Arguments.of(k, f, n))));
    }

    @ParameterizedTest(name = "{0} {1} {2} B")
    @MethodSource("cases")
    void shouldEchoDatagramOfSize(BackendKind kind, UdpPeers.Family family, int size) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            long before = UdpPeers.descriptors();
            DatagramSocket server = fx.ferry().openDatagram(family.any(), UdpPeers.ECHO);
            InetSocketAddress at = server.localAddress();
            try (java.net.DatagramSocket client = UdpPeers.client(family)) {
                for (int round = 0; round < 3; round++) { // the same socket goes on receiving
                    byte[] payload = BackendFixture.pattern(size, round);
                    DatagramPacket back = UdpPeers.roundTrip(client, payload, at);
                    assertEquals(size, back.getLength(), "bytes echoed");
                    assertArrayEquals(payload, UdpPeers.payload(back));
                    assertEquals(at, back.getSocketAddress(), "the echo comes from the server's address");
                }
                assertEquals(0, server.truncatedDatagrams());
            }
            UdpPeers.closeAndSettle(server);
            fx.assertQuiescent();
            UdpPeers.assertDescriptorsBackTo(before);
        }
    }
}
