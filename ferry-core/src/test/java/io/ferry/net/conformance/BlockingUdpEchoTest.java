package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryDatagramSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: the blocking style end to end: an echo on a virtual thread parked in receive(), a client that
// sends and receives datagrams of 0 B to the IPv4 maximum, over IPv4 and IPv6; close wakes the parked echo.
@Timeout(60)
class BlockingUdpEchoTest {
    private static final int[] SIZES = {0, 1, 1_200, 65_507};

    static Stream<Arguments> cases() {
        return BackendFixture.backends().flatMap(k -> Stream.of(UdpPeers.Family.values()).map(f -> Arguments.of(k, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void shouldEchoEverySizeFromVirtualThreads(BackendKind kind, UdpPeers.Family family) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 2)) {
            long before = UdpPeers.descriptors();
            FerryDatagramSocket server = FerryDatagramSocket.open(fx.ferry(), family.any());
            CompletableFuture<Integer> echoed = CompletableFuture.supplyAsync(() -> echo(server),
                Thread::startVirtualThread);
            try (FerryDatagramSocket client = FerryDatagramSocket.open(fx.ferry(), family.any())) {
                for (int size : SIZES) {
                    byte[] payload = BackendFixture.pattern(size, size);
                    client.send(payload, 0, size, server.localAddress());
                    FerryDatagramSocket.Datagram d = client.receive(10, TimeUnit.SECONDS);
                    assertEquals(server.localAddress(), d.sender());
                    assertFalse(d.truncated());
                    byte[] got = new byte[d.data().readableBytes()];
                    d.data().readBytes(got, 0, got.length).release();
                    assertArrayEquals(payload, got, size + " B");
                }
            }
            server.close();
            assertEquals(SIZES.length, echoed.get(10, TimeUnit.SECONDS), "datagrams echoed before close");
            assertNull(server.receive(), "receive after close");
            fx.assertQuiescent();
            UdpPeers.assertDescriptorsBackTo(before);
        }
    }

    /** Echoes until the socket closes; returns how many datagrams it echoed. */
    private static int echo(FerryDatagramSocket s) {
        int n = 0;
        try {
            for (FerryDatagramSocket.Datagram d; (d = s.receive()) != null; n++) {
                s.send(d.data(), d.sender());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return n;
    }
}
