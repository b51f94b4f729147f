package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.net.HandlerFactory;
import io.ferry.net.Listener;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Listening on a port that already has a listener fails with "address already in use" naming the address,
 * unless the caller asked to share the port; the runtime's own listener on every loop keeps working
 * (issue 12, defect 9: SO_REUSEPORT was always on, so a second listen silently took part of the traffic).
 */
class ListenOnBusyPortTest {
    private static final HandlerFactory ECHO = c -> (conn, data) -> conn.writeAndFlush(data);

    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRefuseASecondListenerUnlessSharing(BackendKind kind) throws Exception {
        try (Ferry ferry = Ferry.builder().backend(kind).loops(2).build();
             Ferry other = Ferry.builder().backend(kind).loops(1).build()) {
            Listener first = ferry.listen(new InetSocketAddress("127.0.0.1", 0), ECHO);
            InetSocketAddress at = (InetSocketAddress) first.localAddress();
            IOException e = assertThrows(IOException.class, () -> other.listen(at, ECHO));
            assertTrue(e instanceof BindException, kind + ": " + e);
            String message = e.getMessage();
            assertTrue(message.contains("already in use") && message.contains(String.valueOf(at.getPort())),
                kind + ": " + message);
            assertThrows(BindException.class, () -> ferry.listen(at, ECHO), "the same runtime twice");
            first.close();
            Listener shared = ferry.listen(at, ferry.socketOptions().withSharedPort(true), ECHO);
            Listener joined = other.listen(at, other.socketOptions().withSharedPort(true), ECHO);
            joined.close();
            shared.close();
        }
    }
}
