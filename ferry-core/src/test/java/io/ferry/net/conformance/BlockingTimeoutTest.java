package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.SocketHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a read or write parked past its timeout throws SocketTimeoutException and leaves the
// socket usable; nothing leaks.
@Timeout(30)
class BlockingTimeoutTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldTimeOutReadAndStayUsable(BackendKind kind) throws Exception {
        CompletableFuture<Throwable> timedOut = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1);
             FerryServer server = BlockingServers.bind(fx, socket -> {
                 socket.setReadTimeout(Duration.ofMillis(100));
                 try {
                     socket.read().release();
                 } catch (SocketTimeoutException e) {
                     timedOut.complete(e);
                 }
                 socket.setReadTimeout(Duration.ZERO);
                 BlockingServers.echo(socket);
             })) {
            try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                assertInstanceOf(SocketTimeoutException.class, timedOut.get(10, TimeUnit.SECONDS));
                s.getOutputStream().write(new byte[] {42});
                assertEquals(42, s.getInputStream().read(), "echo after the timeout");
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldTimeOutWriteAgainstPeerThatDoesNotRead(BackendKind kind) throws Exception {
        assertFirehoseTimesOut(kind, socket -> {
            byte[] piece = new byte[16 * 1024];
            while (true) {
                socket.write(piece, 0, piece.length);
                socket.flush();
            }
        });
    }

    /** The buffer handed to a write that times out while earlier array bytes wait to be queued is released too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldReleaseTheBufferOfAWriteThatTimesOut(BackendKind kind) throws Exception {
        assertFirehoseTimesOut(kind, socket -> {
            byte[] head = new byte[100];
            while (true) {
                socket.write(head, 0, head.length); // copied into the lease
                Buf body = socket.buffer();
                body.writeIndex(body.capacity());
                socket.write(body); // queues the lease first, then the body
            }
        });
    }

    /**
     * Runs {@code firehose} (200 ms write timeout) once a client that never reads sends its first byte, and
     * asserts that it ends with SocketTimeoutException and leaves nothing behind.
     */
    private static void assertFirehoseTimesOut(BackendKind kind, SocketHandler firehose) throws Exception {
        CompletableFuture<Throwable> timedOut = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1);
             FerryServer server = BlockingServers.bind(fx, socket -> {
                 socket.setWriteTimeout(Duration.ofMillis(200));
                 try {
                     socket.read().release();
                     firehose.serve(socket);
                 } catch (IOException e) {
                     timedOut.complete(e);
                 }
             })) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(16 * 1024);
                s.connect(server.localAddress());
                s.getOutputStream().write(1); // start the firehose, then never read
                assertInstanceOf(SocketTimeoutException.class, timedOut.get(10, TimeUnit.SECONDS));
            }
            fx.assertQuiescent();
        }
    }
}
