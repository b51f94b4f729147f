package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.DatagramAddress;
import io.ferry.net.DatagramHandler;
import io.ferry.net.DatagramSocket;
import java.net.DatagramPacket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a UDP socket left open while datagrams arrive and echoes are queued is closed by Ferry.close(): its
// handler hears onClose once, the receive in flight ends before memory is freed, every buffer goes back to its
// pool and no descriptor is left open.
@Timeout(60)
class UdpClosedWithTheRuntimeTest {
    static Stream<BackendKind> backends() {
        return BackendFixture.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldCloseOpenDatagramSocketsWithTheRuntime(BackendKind kind) throws Exception {
        long before = UdpPeers.descriptors();
        AtomicInteger closes = new AtomicInteger();
        CountDownLatch received = new CountDownLatch(20); // of 200: the kernel may drop what the socket cannot hold
        BackendFixture fx = BackendFixture.start(kind, 1);
        DatagramSocket socket;
        try (java.net.DatagramSocket client = UdpPeers.client(UdpPeers.Family.IPV4)) {
            socket = fx.ferry().openDatagram(UdpPeers.Family.IPV4.any(), new DatagramHandler() {
                @Override
                public void onDatagram(DatagramSocket s, Buf data, DatagramAddress from, boolean truncated) {
                    received.countDown();
                    s.send(data, from);
                }

                @Override
                public void onClose(DatagramSocket s) {
                    closes.incrementAndGet();
                }
            });
            byte[] payload = BackendFixture.pattern(1_200, 1);
            for (int i = 0; i < 200; i++) { // the echoes pile up unread in the client
                client.send(new DatagramPacket(payload, payload.length, socket.localAddress()));
            }
            assertTrue(received.await(10, TimeUnit.SECONDS), "datagrams arrived");
            fx.close();
        }
        assertFalse(socket.isOpen());
        assertEquals(1, closes.get(), "onClose calls");
        assertEquals(java.util.List.of(), fx.errors(), "errors reported on the loops");
        fx.assertPoolsAtBaseline();
        UdpPeers.assertDescriptorsBackTo(before);
    }
}
