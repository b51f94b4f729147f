package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: closing a socket from another thread wakes a read parked on it with a SocketException,
// and closing with unread input queued releases every buffer; the loops end at baseline.
@Timeout(30)
class BlockingCloseWhileReadParkedTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldWakeParkedReadWithSocketException(BackendKind kind) throws Exception {
        CompletableFuture<FerrySocket> parked = new CompletableFuture<>();
        CompletableFuture<Throwable> readEnded = new CompletableFuture<>();
        CompletableFuture<Thread> reader = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1);
             FerryServer server = BlockingServers.bind(fx, socket -> {
                 reader.complete(Thread.currentThread());
                 parked.complete(socket);
                 try {
                     Buf b = socket.read();
                     readEnded.complete(new AssertionError("read returned " + b));
                 } catch (Exception e) {
                     readEnded.complete(e);
                 }
             })) {
            try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                FerrySocket socket = parked.get(10, TimeUnit.SECONDS);
                Parking.awaitParked(reader.get(10, TimeUnit.SECONDS));
                socket.close();
                Throwable t = readEnded.get(10, TimeUnit.SECONDS);
                assertInstanceOf(SocketException.class, t, "a parked read wakes with SocketException: " + t);
                assertFalse(socket.isOpen());
                assertEquals(-1, s.getInputStream().read(), "the peer sees the close");
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldReleaseUnreadInputOnClose(BackendKind kind) throws Exception {
        CompletableFuture<Integer> firstRead = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1);
             FerryServer server = BlockingServers.bind(fx, socket -> {
                 Buf b = socket.read();
                 firstRead.complete(b.readableBytes());
                 b.release();
                 Thread.sleep(200); // let the inbox fill past its limit, then close with it full
             })) {
            try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
                s.getOutputStream().write(BackendFixture.pattern(1024 * 1024, 1));
                firstRead.get(10, TimeUnit.SECONDS);
                s.setSoLinger(true, 0);
            } catch (SocketException e) {
                // the server may reset first, closing with unread input: that is fine here
            }
            fx.assertQuiescent();
        }
    }
}
