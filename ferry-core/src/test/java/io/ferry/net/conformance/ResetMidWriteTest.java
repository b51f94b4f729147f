package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ferry.net.Listener;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a peer that resets (SO_LINGER 0; over a Unix socket, which has no RST, closes with bytes unread) while the
// server is writing closes the connection with a cause, and every queued buffer is released.
@Timeout(30)
class ResetMidWriteTest {
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backendsReceivesAndTransports")
    void shouldCloseWithCauseWhenPeerResetsMidWrite(BackendFixture.BackendReceive backend,
        Transport transport) throws Exception {
        CompletableFuture<Firehose> server = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(backend, transport, 1)) {
            Listener l = fx.listen(c -> {
                Firehose f = new Firehose(Long.MAX_VALUE, 5);
                server.complete(f);
                return f;
            });
            BackendFixture.readThenReset(l.localAddress());
            Firehose f = server.get(10, TimeUnit.SECONDS);
            Throwable cause = f.closed().get(10, TimeUnit.SECONDS);
            assertNotNull(cause, "a reset must surface as the close cause");
            assertInstanceOf(IOException.class, cause, "the cause names the failed operation");
            fx.assertQuiescent();
        }
    }
}
