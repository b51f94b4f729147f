package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryDatagramSocket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a virtual thread parked in FerryDatagramSocket.receive() while another thread closes the socket, or the
// runtime closes under it, with datagrams arriving all the while, wakes with the documented outcome (null: the
// socket is closed) within a bound, on every backend; every buffer goes home and no descriptor stays open. Before
// FerryDatagramSocket marked itself closed in its handler's onClose, the runtime's close woke the receiver with
// the close's wake-up, which it took for a spurious one and parked again for good (every backend, round 0).
@Timeout(120)
class BlockingUdpReceiveRacingCloseTest {
    private static final int ROUNDS = 200;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int RUNTIME_ROUNDS = 5;
    private static final long WAIT_SECONDS = 10;
    private final long seed = Long.getLong("ferry.test.seed", System.nanoTime());
    private final Random random = new Random(seed);

    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldWakeAParkedReceiveWhenAnotherThreadCloses(BackendKind kind) throws Exception {
        long before = UdpPeers.descriptors();
        try (BackendFixture fx = BackendFixture.start(kind, 1);
             java.net.DatagramSocket peer = UdpPeers.client(UdpPeers.Family.IPV4)) {
            long end = System.nanoTime() + BUDGET_NANOS;
            long received = 0;
            for (int round = 0; round < ROUNDS && System.nanoTime() - end < 0; round++) {
                FerryDatagramSocket s = FerryDatagramSocket.open(fx.ferry(), UdpPeers.Family.IPV4.any());
                CompletableFuture<Integer> receiver = receiveUntilClosed(s);
                AtomicBoolean stop = new AtomicBoolean();
                Thread flood = flood(peer, s.localAddress(), stop);
                spin(random.nextInt(200_000)); // the receiver is parked, taking a datagram, or on its way to park
                s.close();
                stop.set(true);
                flood.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                received += awaitEnd(receiver, kind + " round " + round + ": a receive parked while its socket closed");
                assertNull(s.receive(), "receive after close");
            }
            assertTrue(received > 0, "no datagram arrived: the close never raced a delivery");
            fx.assertQuiescent();
        }
        UdpPeers.assertDescriptorsBackTo(before);
    }

    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldWakeAParkedReceiveWhenTheRuntimeCloses(BackendKind kind) throws Exception {
        long before = UdpPeers.descriptors();
        try (java.net.DatagramSocket peer = UdpPeers.client(UdpPeers.Family.IPV4)) {
            for (int round = 0; round < RUNTIME_ROUNDS; round++) {
                BackendFixture fx = BackendFixture.start(kind, 1);
                FerryDatagramSocket s = FerryDatagramSocket.open(fx.ferry(), UdpPeers.Family.IPV4.any());
                CompletableFuture<Integer> receiver = receiveUntilClosed(s);
                AtomicBoolean stop = new AtomicBoolean();
                Thread flood = flood(peer, s.localAddress(), stop);
                spin(random.nextInt(200_000));
                CompletableFuture<Void> closed = fx.ferry().closeAsync();
                try {
                    awaitEnd(receiver, kind + " round " + round + ": a receive parked while the runtime closed");
                    closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
                } finally {
                    stop.set(true);
                    flood.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                    s.close(); // lets a receiver that never woke go
                    fx.close();
                }
                fx.assertPoolsAtBaseline();
            }
        }
        UdpPeers.assertDescriptorsBackTo(before);
    }

    /** A virtual thread receiving (and releasing) until receive() says closed; completes with the count. */
    private static CompletableFuture<Integer> receiveUntilClosed(FerryDatagramSocket s) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Thread.startVirtualThread(() -> {
            int n = 0;
            try {
                for (FerryDatagramSocket.Datagram d; (d = s.receive()) != null; n++) {
                    d.data().release();
                }
                done.complete(n);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    /** Sends small datagrams to {@code to} until told to stop (at most 100,000), so some race the close. */
    private static Thread flood(java.net.DatagramSocket peer, InetSocketAddress to, AtomicBoolean stop) {
        return Thread.ofPlatform().daemon().start(() -> {
            byte[] payload = new byte[32];
            DatagramPacket p = new DatagramPacket(payload, payload.length, to);
            for (int i = 0; i < 100_000 && !stop.get(); i++) {
                try {
                    peer.send(p);
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** {@return how many datagrams the receiver took before it saw the close} */
    private int awaitEnd(CompletableFuture<Integer> receiver, String what) throws Exception {
        try {
            return receiver.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " never woke (seed " + seed + ")");
        } catch (ExecutionException e) {
            throw new AssertionError(what + " ended with " + e.getCause() + " instead of null (seed " + seed + ")",
                e.getCause());
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
