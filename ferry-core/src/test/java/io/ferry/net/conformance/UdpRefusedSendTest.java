package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.DatagramAddress;
import io.ferry.net.DatagramOptions;
import io.ferry.net.DatagramSocket;
import io.ferry.net.blocking.FerryDatagramSocket;
import java.net.SocketException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: sends UDP cannot carry get a clear error at once and leak nothing: an oversized datagram, a send
// after close, a send off the loop thread, a send without an address on an unconnected socket.
@Timeout(60)
class UdpRefusedSendTest {
    static Stream<BackendKind> backends() {
        return BackendFixture.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldRefuseWhatUdpCannotCarry(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            long before = UdpPeers.descriptors();
            DatagramSocket socket = fx.ferry().openDatagram(UdpPeers.Family.IPV4.any(), UdpPeers.ECHO);
            DatagramAddress self = DatagramAddress.of(socket.localAddress());
            String oversized = socket.loop().await(() -> refusal(() -> socket.send(payload(socket, 65_508), self)));
            assertTrue(oversized.startsWith("IllegalArgumentException: datagram of 65508 bytes is longer than UDP "
                + "allows over IPv4 (65507 bytes)"), oversized);
            String unaddressed = socket.loop().await(() -> refusal(() -> socket.send(payload(socket, 1))));
            assertTrue(unaddressed.startsWith("IllegalStateException: send without an address"), unaddressed);
            Buf offLoop = socket.loop().await(() -> payload(socket, 1));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> socket.send(offLoop, self));
            assertTrue(e.getMessage().contains("not its loop"), e.getMessage());

            UdpPeers.closeAndSettle(socket);
            String closed = socket.loop().await(() -> refusal(() -> socket.send(payload(socket, 1), self)));
            assertTrue(closed.startsWith("IllegalStateException: send on a closed datagram socket"), closed);
            fx.assertQuiescent();
            UdpPeers.assertDescriptorsBackTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldRefuseBlockingSendsUdpCannotCarry(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            long before = UdpPeers.descriptors();
            FerryDatagramSocket s = FerryDatagramSocket.open(fx.ferry(), UdpPeers.Family.IPV6.any(),
                DatagramOptions.defaults());
            byte[] big = new byte[65_528];
            IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> s.send(big, 0, big.length, s.localAddress()));
            assertTrue(tooBig.getMessage().contains("(65527 bytes)"), tooBig.getMessage());
            s.send(big, 0, 65_527, s.localAddress()); // the IPv6 maximum goes through, to itself
            assertEquals(65_527, receiveAndRelease(s));
            s.close();
            assertEquals(null, s.receive(), "receive after close");
            SocketException closed = assertThrows(SocketException.class, () -> s.send(big, 0, 1, s.localAddress()));
            assertTrue(closed.getMessage().startsWith("send on a closed datagram socket"), closed.getMessage());
            fx.assertQuiescent();
            UdpPeers.assertDescriptorsBackTo(before);
        }
    }

    private static int receiveAndRelease(FerryDatagramSocket s) throws Exception {
        FerryDatagramSocket.Datagram d = s.receive(10, java.util.concurrent.TimeUnit.SECONDS);
        int n = d.data().readableBytes();
        d.data().release();
        return n;
    }

    private static Buf payload(DatagramSocket socket, int n) {
        Buf b = socket.loop().pool().acquire(n);
        return b.writeIndex(n);
    }

    /** Runs {@code send} on the loop and returns what it threw, as "Type: message". */
    private static String refusal(Runnable send) {
        try {
            send.run();
            return "nothing thrown";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
