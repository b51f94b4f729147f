package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.DatagramSocket;
import java.net.DatagramPacket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a backlog larger than one wake-up reads (epoll: 4 recvmmsg of 16, java.nio: 64 receives) is read
// to the end after the burst stops, when no new datagram brings another readiness event. 150 one-byte
// datagrams fit the default socket buffer, so none is dropped and every one must arrive.
@Timeout(60)
class UdpBacklogBeyondOneWakeupTest {
    private static final int DATAGRAMS = 150;

    static Stream<BackendKind> backends() {
        return BackendFixture.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldReadTheWholeBacklog(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            long before = UdpPeers.descriptors();
            CountDownLatch received = new CountDownLatch(DATAGRAMS);
            CountDownLatch blocked = new CountDownLatch(1);
            DatagramSocket socket = fx.ferry().openDatagram(UdpPeers.Family.IPV4.any(), (s, data, from, t) -> {
                data.release();
                received.countDown();
            });
            // the loop stays busy until the whole burst is queued in the kernel, so it arrives as one backlog
            fx.ferry().loops().get(0).execute(() -> {
                try {
                    blocked.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (java.net.DatagramSocket client = UdpPeers.client(UdpPeers.Family.IPV4)) {
                for (int i = 0; i < DATAGRAMS; i++) {
                    client.send(new DatagramPacket(new byte[] {(byte) i}, 1, socket.localAddress()));
                }
            }
            blocked.countDown();
            assertTrue(received.await(10, TimeUnit.SECONDS), received.getCount() + " of " + DATAGRAMS + " missing");
            assertEquals(0, socket.truncatedDatagrams());
            UdpPeers.closeAndSettle(socket);
            fx.assertQuiescent();
            UdpPeers.assertDescriptorsBackTo(before);
        }
    }
}
