package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a peer that resets (SO_LINGER 0) while a blocking writer is parked or writing makes the
// write throw an IOException, and every queued buffer is released.
@Timeout(30)
class BlockingResetMidWriteTest {
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backendsAndTransports")
    void shouldFailWriteWhenPeerResets(BackendKind kind, Transport transport) throws Exception {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(kind, transport, 1);
             FerryServer server = BlockingServers.bind(fx, socket -> {
                 byte[] piece = BackendFixture.pattern(16 * 1024, 5);
                 try {
                     while (true) {
                         socket.write(piece, 0, piece.length);
                         socket.flush();
                     }
                 } catch (IOException e) {
                     failed.complete(e);
                 }
             })) {
            BackendFixture.readThenReset(server.localAddress());
            assertInstanceOf(IOException.class, failed.get(10, TimeUnit.SECONDS), "the write fails");
            fx.assertQuiescent();
        }
    }
}
