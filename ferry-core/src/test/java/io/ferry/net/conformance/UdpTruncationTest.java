package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.DatagramOptions;
import io.ferry.net.DatagramSocket;
import java.net.DatagramPacket;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a datagram longer than the receive limit arrives cut to the limit and flagged, and is counted.
@Timeout(60)
class UdpTruncationTest {
    static Stream<BackendKind> backends() {
        return BackendFixture.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldDeliverTheLimitAndFlagTheRest(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            long before = UdpPeers.descriptors();
            // the echo answers with the bytes it got, plus one byte saying whether they were cut
            DatagramSocket server = fx.ferry().openDatagram(UdpPeers.Family.IPV4.any(),
                DatagramOptions.defaults().withReceiveLimit(100),
                (s, data, from, truncated) -> {
                    Buf reply = s.loop().pool().acquire(data.readableBytes() + 1).writeBytes(data);
                    data.release();
                    s.send(reply.writeByte(truncated ? 1 : 0), from);
                });
            try (java.net.DatagramSocket client = UdpPeers.client(UdpPeers.Family.IPV4)) {
                byte[] big = BackendFixture.pattern(1_200, 5);
                byte[] back = UdpPeers.payload(UdpPeers.roundTrip(client, big, server.localAddress()));
                assertEquals(101, back.length, "the first 100 bytes and the flag");
                assertArrayEquals(Arrays.copyOf(big, 100), Arrays.copyOf(back, 100));
                assertEquals(1, back[100], "flagged as truncated");

                byte[] exact = BackendFixture.pattern(100, 6);
                DatagramPacket p = UdpPeers.roundTrip(client, exact, server.localAddress());
                assertEquals(0, UdpPeers.payload(p)[100], "a datagram of exactly the limit is whole");
                assertEquals(1, server.truncatedDatagrams());
            }
            UdpPeers.closeAndSettle(server);
            fx.assertQuiescent();
            UdpPeers.assertDescriptorsBackTo(before);
        }
    }
}
