package io.ferry.backend.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ferry.backend.UringReceiveStrategy;
import io.ferry.buffer.Buf;
import io.ferry.linux.Errno;
import io.ferry.linux.uring.CompletionSource;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: under PROBE_THEN_READ, a probe that reports data the non-blocking read then does not find (EAGAIN)
// is neither an error nor the end of the stream: the connection probes again and keeps being served.
@Timeout(30)
class ShouldProbeAgainWhenReadAfterProbeFindsNothingTest {
    @Test
    void shouldKeepServingAfterEagain() throws Exception {
        AtomicBoolean spoil = new AtomicBoolean();
        AtomicInteger spoiled = new AtomicInteger();
        // The seam: the probe cancelled by a pause/resume toggle reports "1 byte there" instead of -ECANCELED,
        // while the socket is empty, so the read after the probe finds nothing.
        UnaryOperator<CompletionSource> faults = ring -> (visitor, limit) -> ring.forEachCompletion(
            (ud, res, flags) -> {
                if (res == -Errno.ECANCELED && spoil.getAndSet(false)) {
                    spoiled.incrementAndGet();
                    visitor.onCompletion(ud, 1, flags);
                    return;
                }
                visitor.onCompletion(ud, res, flags);
            }, limit);
        CompletableFuture<Connection> opened = new CompletableFuture<>();
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        UringConfig config = UringConfig.fromSystemProperties().withReceive(UringReceiveStrategy.PROBE_THEN_READ);
        try (UringServerFixture fx = new UringServerFixture(config, faults, c -> new Handler() {
            @Override
            public void onOpen(Connection connection) {
                opened.complete(connection);
            }

            @Override
            public void onData(Connection connection, Buf data) {
                connection.writeAndFlush(data);
            }

            @Override
            public void onClose(Connection connection, Throwable cause) {
                failed.complete(cause);
            }
        });
             Socket client = new Socket("127.0.0.1", fx.port())) {
            client.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(client.getInputStream());
            assertArrayEquals(echo(client, in, "before"), "before".getBytes(StandardCharsets.US_ASCII));
            Connection conn = opened.get(10, TimeUnit.SECONDS);
            spoil.set(true);
            fx.loop().await(() -> {
                conn.pauseReading(); // cancels the pending probe ...
                conn.resumeReading(); // ... which is re-armed when its (spoiled) completion comes
                return null;
            });
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (spoiled.get() == 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
            assertEquals(1, spoiled.get(), "the cancelled probe's completion was spoiled");
            assertArrayEquals(echo(client, in, "after"), "after".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();
            assertEquals(-1, in.read(), "the server closed after the client's FIN");
            assertNull(failed.get(10, TimeUnit.SECONDS), "closed without a failure");
        }
    }

    private static byte[] echo(Socket client, DataInputStream in, String text) throws java.io.IOException {
        byte[] msg = text.getBytes(StandardCharsets.US_ASCII);
        client.getOutputStream().write(msg);
        byte[] back = new byte[msg.length];
        in.readFully(back);
        return back;
    }
}
