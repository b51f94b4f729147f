package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.net.DatagramAddress;
import io.ferry.net.DatagramOptions;
import io.ferry.net.DatagramSocket;
import java.net.DatagramPacket;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: sends beyond the send queue within one loop turn are refused (false), counted as dropped and released
// at once; the queued ones still leave, each whole.
@Timeout(60)
class UdpFullSendQueueTest {
    static Stream<BackendKind> backends() {
        return BackendFixture.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldRefuseAndCountSendsBeyondTheQueue(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            long before = UdpPeers.descriptors();
            DatagramSocket socket = fx.ferry().openDatagram(UdpPeers.Family.IPV4.any(),
                DatagramOptions.defaults().withSendQueue(4), UdpPeers.ECHO);
            try (java.net.DatagramSocket client = UdpPeers.client(UdpPeers.Family.IPV4)) {
                DatagramAddress to = DatagramAddress.of((java.net.InetSocketAddress) client.getLocalSocketAddress());
                int accepted = socket.loop().await(() -> {
                    int n = 0;
                    for (int i = 0; i < 10; i++) { // one loop turn: nothing leaves before the loop flushes
                        if (socket.send(socket.loop().pool().acquire(1).writeByte(i), to)) {
                            n++;
                        }
                    }
                    return n;
                });
                assertEquals(4, accepted, "sends queued");
                assertEquals(6, socket.droppedDatagrams());
                Set<Integer> got = new HashSet<>();
                DatagramPacket p = new DatagramPacket(new byte[16], 16);
                for (int i = 0; i < 4; i++) {
                    client.receive(p);
                    assertEquals(1, p.getLength());
                    got.add((int) p.getData()[0]);
                }
                assertEquals(Set.of(0, 1, 2, 3), got, "the first four, whole");
            }
            UdpPeers.closeAndSettle(socket);
            fx.assertQuiescent();
            UdpPeers.assertDescriptorsBackTo(before);
        }
    }
}
