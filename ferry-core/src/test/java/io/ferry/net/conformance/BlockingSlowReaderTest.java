package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: against a slow reader a blocking writer parks instead of queueing: nothing is lost or
// reordered and the bytes waiting on the writer's side stay near the high watermark.
@Timeout(60)
class BlockingSlowReaderTest {
    private static final long TOTAL = 24L * 1024 * 1024;
    private static final int PIECE = 8 * 1024;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldParkWriterAgainstSlowReader(BackendKind kind) throws Exception {
        AtomicLong maxPending = new AtomicLong();
        CompletableFuture<Long> written = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1);
             FerryServer server = BlockingServers.bind(fx, socket -> {
                 byte[] piece = new byte[PIECE];
                 long at = 0;
                 while (at < TOTAL) {
                     for (int i = 0; i < PIECE; i++) {
                         piece[i] = BackendFixture.patternByte(at + i, 9);
                     }
                     socket.write(piece, 0, PIECE);
                     socket.flush();
                     at += PIECE;
                     maxPending.accumulateAndGet(socket.pendingWriteBytes(), Math::max);
                 }
                 written.complete(at);
             })) {
            long received = 0;
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(16 * 1024);
                s.connect(server.localAddress());
                Thread.sleep(300); // let the kernel buffers fill so the writer must park
                received = BackendFixture.readSlowlyChecking(s.getInputStream(), 9);
            }
            assertEquals(TOTAL, written.get(10, TimeUnit.SECONDS), "bytes written");
            assertEquals(TOTAL, received, "bytes received");
            long bound = fx.ferry().socketOptions().writeHighWatermark() + 2L * fx.ferry().loops().get(0).pool()
                .bufferSize();
            assertTrue(maxPending.get() <= bound, "writer-side backlog " + maxPending.get() + " exceeded " + bound);
            fx.assertQuiescent();
        }
    }
}
