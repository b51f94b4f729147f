package io.ferry.backend.uring;

import io.ferry.linux.uring.CompletionSource;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: a listener whose final accept completion, after close(), reports a shortage (EMFILE, ENFILE, ENOMEM)
// instead of ECANCELED still closes its descriptor: the port must not stay bound and accepting.
@Timeout(30)
class ShouldCloseListenerWhoseLastAcceptFailsTest {
    @Test
    void shouldFreeThePortWhenTheFinalAcceptCompletionIsEmfile() throws Exception {
        AtomicBoolean closing = new AtomicBoolean();
        AtomicBoolean injected = new AtomicBoolean();
        // The seam: once the test closes the listener, the accept's cancellation is reported as EMFILE.
        UnaryOperator<CompletionSource> faults = ring -> (visitor, limit) -> ring.forEachCompletion(
            (ud, res, flags) -> {
                if (closing.get() && ud > UringDriver.IGNORE && res == -Errno.ECANCELED) {
                    injected.set(true);
                    visitor.onCompletion(ud, -Errno.EMFILE, flags);
                    return;
                }
                visitor.onCompletion(ud, res, flags);
            }, limit);
        try (UringServerFixture server = new UringServerFixture(UringConfig.fromSystemProperties(), faults,
            c -> (conn, data) -> conn.writeAndFlush(data))) {
            int port = server.port();
            closing.set(true);
            server.loop().await(() -> {
                server.listener.close();
                return null;
            });
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!injected.get() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(injected.get(), "the accept's final completion was rewritten to EMFILE");
            assertTrue(refusedWithin(port, 3_000), "port " + port + " still accepts after its listener closed");
        }
    }

    private static boolean refusedWithin(int port, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                // a timeout or reset: not yet a clear refusal, look again
            }
            Thread.sleep(20);
        }
        return false;
    }
}
