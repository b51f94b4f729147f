package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.loop.EventLoop;
import io.ferry.net.blocking.FerrySocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A blocking socket closed while its loop's task queue is full still closes: the request waits for room
 * instead of being taken for "the loop has stopped" and left behind (issue 12, defect 6: the connection
 * and its descriptor were orphaned).
 */
class BlockingCloseWithFullTaskQueueTest {
    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCloseOnceTheQueueHasRoom(BackendKind kind) throws Exception {
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).taskQueueCapacity(16).build();
             ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            FerrySocket socket = FerrySocket.connect(ferry,
                new InetSocketAddress("127.0.0.1", peer.getLocalPort()));
            try (Socket accepted = peer.accept()) {
                EventLoop loop = ferry.loops().get(0);
                CountDownLatch release = BackendFixture.holdBehindFullTaskQueue(loop);
                Thread closer = Thread.ofPlatform().start(socket::close);
                Thread.sleep(50); // the close meets the full queue
                release.countDown();
                closer.join(TimeUnit.SECONDS.toMillis(20));
                accepted.setSoTimeout(20_000);
                assertEquals(-1, accepted.getInputStream().read(), kind + ": the peer sees the close");
            }
        }
    }
}
