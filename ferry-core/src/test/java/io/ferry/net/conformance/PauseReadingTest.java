package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: after pauseReading no onData arrives, even bytes a completion backend had already received;
// resumeReading delivers everything, in order, nothing lost, and never from inside itself: a handler that pauses
// and resumes within onData is not re-entered with bytes that would overtake the ones it is handling.
@Timeout(60)
class PauseReadingTest {
    static Stream<Arguments> cases() {
        return BackendFixture.backendsAndReceiveStrategies()
            .flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @ParameterizedTest(name = "{0}, pause and resume inside onData: {1}")
    @MethodSource("cases")
    void shouldHoldEverythingWhilePaused(BackendFixture.BackendReceive backend, boolean toggleInside) throws Exception {
        int total = 2 * 1024 * 1024;
        byte[] payload = BackendFixture.pattern(total, 5);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        AtomicLong deliveredWhilePaused = new AtomicLong();
        CompletableFuture<Connection> paused = new CompletableFuture<>();
        AtomicBoolean resumed = new AtomicBoolean();
        AtomicInteger maxDepth = new AtomicInteger();
        try (BackendFixture fx = BackendFixture.start(backend, 1)) {
            Listener l = fx.listen(c -> new Handler() {
                private boolean isPaused;
                private int depth;

                @Override
                public void onData(Connection conn, Buf data) {
                    maxDepth.accumulateAndGet(++depth, Math::max);
                    if (isPaused && !conn.loop().inLoop()) {
                        throw new IllegalStateException("not on the loop");
                    }
                    if (isPaused && !resumed.get()) {
                        deliveredWhilePaused.addAndGet(data.readableBytes());
                    }
                    got.writeBytes(data.toByteArray());
                    data.release();
                    if (!paused.isDone()) {
                        isPaused = true;
                        conn.pauseReading(); // after the first delivery, with the rest still streaming in
                        paused.complete(conn);
                    } else if (toggleInside && resumed.get()) {
                        conn.pauseReading(); // as a handler does that waits for something, which is ready at once
                        conn.resumeReading();
                    }
                    depth--;
                }

                @Override
                public void onInputClosed(Connection conn) {
                    conn.close();
                }
            });
            try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) l.localAddress()).getPort())) {
                CompletableFuture<Void> sent = BackendFixture.sendThenShutdown(s, payload);
                Connection conn = paused.get(10, TimeUnit.SECONDS);
                Thread.sleep(300); // bytes keep arriving in the kernel (and, on io_uring, in the ring)
                assertEquals(0, deliveredWhilePaused.get(), "bytes delivered while paused");
                long before = conn.loop().await(() -> (long) got.size());
                conn.loop().execute(() -> {
                    resumed.set(true);
                    conn.resumeReading();
                });
                BackendFixture.awaitTrue(() -> conn.loop().await(() -> (long) got.size()) == total);
                assertEquals(total, (long) conn.loop().await(() -> (long) got.size()), "bytes after resume, from "
                    + before);
                assertArrayEquals(payload, conn.loop().await(got::toByteArray));
                assertEquals(1, maxDepth.get(), "onData re-entered");
                sent.join();
            }
            fx.assertQuiescent();
        }
    }
}
