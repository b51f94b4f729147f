package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.DatagramSocket;
import java.net.DatagramPacket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: bursts of datagrams (windows of 64 in flight, the server answering each burst as one batch) come
// back whole, each once, none merged or split. UDP on a loaded loopback may drop, so the client counts
// what came back within each window and allows 1% lost; a merged, split or corrupted datagram fails.
@Timeout(120)
class UdpBurstTest {
    private static final int DATAGRAMS = 4_000;
    private static final int WINDOW = 64;
    private static final int SIZE = 1_200;

    static Stream<BackendKind> backends() {
        return BackendFixture.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldEchoBurstsWhole(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            long before = UdpPeers.descriptors();
            DatagramSocket server = fx.ferry().openDatagram(UdpPeers.Family.IPV4.any(), UdpPeers.ECHO);
            BitSet seen = new BitSet(DATAGRAMS);
            long deadline = System.nanoTime() + 60_000_000_000L;
            try (java.net.DatagramSocket client = UdpPeers.client(UdpPeers.Family.IPV4)) {
                client.setSoTimeout(2_000);
                DatagramPacket back = new DatagramPacket(new byte[65_536], 65_536);
                for (int first = 0; first < DATAGRAMS && System.nanoTime() - deadline < 0; first += WINDOW) {
                    int last = Math.min(DATAGRAMS, first + WINDOW);
                    for (int seq = first; seq < last; seq++) {
                        client.send(new DatagramPacket(datagram(seq), SIZE, server.localAddress()));
                    }
                    receiveWindow(client, back, seen, last - first);
                }
            }
            int lost = DATAGRAMS - seen.cardinality();
            System.out.println(kind + ": " + seen.cardinality() + " of " + DATAGRAMS + " echoed, " + lost + " lost");
            assertTrue(lost <= DATAGRAMS / 100, lost + " of " + DATAGRAMS + " lost");
            assertEquals(0, server.droppedDatagrams(), "sends refused by a full queue");
            UdpPeers.closeAndSettle(server);
            fx.assertQuiescent();
            UdpPeers.assertDescriptorsBackTo(before);
        }
    }

    /** Takes up to {@code expected} echoes, stopping at the first 2 s without one (the rest were dropped). */
    private static void receiveWindow(java.net.DatagramSocket client, DatagramPacket back, BitSet seen, int expected)
        throws Exception {
        for (int i = 0; i < expected; i++) {
            back.setLength(65_536);
            try {
                client.receive(back);
            } catch (SocketTimeoutException e) {
                return;
            }
            assertEquals(SIZE, back.getLength(), "one datagram, neither merged nor split");
            byte[] got = UdpPeers.payload(back);
            int seq = ByteBuffer.wrap(got).getInt();
            assertArrayEquals(datagram(seq), got, "datagram " + seq);
            assertTrue(!seen.get(seq), "datagram " + seq + " twice");
            seen.set(seq);
        }
    }

    private static byte[] datagram(int seq) {
        byte[] b = BackendFixture.pattern(SIZE, seq);
        ByteBuffer.wrap(b).putInt(seq);
        return Arrays.copyOf(b, SIZE);
    }
}
