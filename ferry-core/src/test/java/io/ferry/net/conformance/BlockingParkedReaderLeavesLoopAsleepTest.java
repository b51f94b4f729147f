package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: the reading side's counterpart of BlockingShutdownWithInFlightWritesTest's loop check. A blocking
// reader parked for input on an idle connection (after a first exchange, so a spare and a resume have been in
// play) leaves its loop asleep: no request-and-wake cycle between reader and loop (plain TCP and TLS, every
// backend). Ferry.close() then returns within a bound and the parked read ends with an IOException or the end
// of the stream, every buffer home.
@Timeout(120)
class BlockingParkedReaderLeavesLoopAsleepTest {
    private static final long CLOSE_BOUND_SECONDS = 10;
    private static final byte[] HELLO = {'h', 'e', 'l', 'l', 'o'};

    static Stream<Arguments> cases() {
        return BackendFixture.backends().flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @ParameterizedTest(name = "{0} tls={1}")
    @MethodSource("cases")
    void shouldSleepWhileTheReaderParksAndWakeItOnClose(BackendKind kind, boolean tls) throws Exception {
        CompletableFuture<Object> readerEnd = new CompletableFuture<>();
        CountDownLatch parking = new CountDownLatch(1);
        BackendFixture fx = BackendFixture.start(kind, 1, b -> b.closeGrace(200, TimeUnit.MILLISECONDS));
        Socket client = null;
        try {
            FerryServer server = FerryServer.bind(fx.ferry(), new InetSocketAddress("127.0.0.1", 0),
                fx.ferry().socketOptions(), tls ? TlsTestCerts.server() : null, socket -> {
                    try {
                        byte[] got = socket.inputStream().readNBytes(HELLO.length);
                        socket.outputStream().write(got);
                        socket.outputStream().flush();
                        parking.countDown();
                        int r = socket.inputStream().read(); // the client sends nothing more
                        readerEnd.complete(r);
                    } catch (IOException | RuntimeException e) {
                        readerEnd.complete(e);
                        throw e;
                    }
                });
            int port = ((InetSocketAddress) server.localAddress()).getPort(); // closed with the runtime
            client = tls ? TlsTestCerts.connect(port) : new Socket("127.0.0.1", port);
            client.setSoTimeout(10_000);
            client.getOutputStream().write(HELLO);
            client.getOutputStream().flush();
            assertArrayEquals(HELLO, client.getInputStream().readNBytes(HELLO.length), "the echo");
            assertTrue(parking.await(10, TimeUnit.SECONDS), "the reader went back to read");
            Thread.sleep(100); // lets it park
            fx.assertLoopSleeps("the reader parked");

            CompletableFuture<Void> closed = fx.ferry().closeAsync();
            try {
                closed.get(CLOSE_BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException hung) {
                fail(kind + (tls ? " over TLS" : "") + ": Ferry.close() did not return within " + CLOSE_BOUND_SECONDS
                    + " s with a blocking reader parked");
            }
            Object end = readerEnd.get(CLOSE_BOUND_SECONDS, TimeUnit.SECONDS);
            assertTrue(end instanceof IOException || Integer.valueOf(-1).equals(end),
                () -> "how the parked read ended: " + end);
            fx.assertPoolsAtBaseline();
            assertEquals(0, fx.errors().size(), "errors " + fx.errors());
        } finally {
            if (client != null) {
                client.close();
            }
            fx.close();
        }
    }
}
