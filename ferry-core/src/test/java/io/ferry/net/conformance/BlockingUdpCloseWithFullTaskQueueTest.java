package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.loop.EventLoop;
import io.ferry.net.blocking.FerryDatagramSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A blocking UDP socket closed from another thread while its loop's task queue is full: close() returns without
 * throwing, the receive parked on it returns null (closed), and the socket does close once the queue has room,
 * its descriptor given back. The TCP twin is {@link BlockingCloseWithFullTaskQueueTest}.
 */
class BlockingUdpCloseWithFullTaskQueueTest {
    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldWakeTheReceiverAndCloseOnceTheQueueHasRoom(BackendKind kind) throws Exception {
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).taskQueueCapacity(16).build()) {
            long before = UdpPeers.descriptors();
            FerryDatagramSocket socket = FerryDatagramSocket.open(ferry, UdpPeers.Family.IPV4.any());
            CompletableFuture<FerryDatagramSocket.Datagram> received = new CompletableFuture<>();
            Thread.startVirtualThread(() -> {
                try {
                    received.complete(socket.receive());
                } catch (Throwable t) {
                    received.completeExceptionally(t);
                }
            });
            EventLoop loop = ferry.loops().get(0);
            CountDownLatch release = BackendFixture.holdBehindFullTaskQueue(loop);
            CompletableFuture<Void> closed = CompletableFuture.runAsync(socket::close, Thread::startVirtualThread);
            Thread.sleep(50); // the close meets the full queue
            release.countDown();
            closed.get(20, TimeUnit.SECONDS); // a RejectedExecutionException here: close() gave up on the queue
            assertNull(received.get(20, TimeUnit.SECONDS), kind + ": receive() on the closed socket");
            assertFalse(socket.isOpen());
            UdpPeers.assertDescriptorsBackTo(before); // closed by close(), not left for the runtime's close
        }
    }
}
