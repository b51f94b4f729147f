package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.Listener;
import io.ferry.net.UnixSockets;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import java.net.BindException;
import java.net.ConnectException;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: Linux's abstract namespace ('@name'): io_uring and epoll listen, connect and echo on it in both styles
// and refuse a name in use; nio refuses it with an UnsupportedOperationException naming the backend.
@Timeout(30)
class AbstractUnixNamespaceTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldServeAnAbstractNameOrSayWhyNot(BackendKind kind) throws Exception {
        UnixDomainSocketAddress at =
            UnixSockets.abstractAddress("ferry-test-" + ThreadLocalRandom.current().nextLong());
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1)) {
            if (kind == BackendKind.NIO) {
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> fx.ferry().listen(at, c -> null));
                assertTrue(e.getMessage().startsWith("the nio backend cannot use Linux's abstract"), e.getMessage());
                CompletionException c = assertThrows(CompletionException.class,
                    () -> fx.ferry().connect(at, (conn, data) -> data.release()).orTimeout(10, TimeUnit.SECONDS)
                        .join());
                assertInstanceOf(ConnectException.class, c.getCause());
                assertInstanceOf(UnsupportedOperationException.class, c.getCause().getCause());
            } else {
                try (Listener l = fx.ferry().listen(at, c -> (conn, data) -> conn.writeAndFlush(data))) {
                    assertEquals(at, l.localAddress());
                    assertThrows(BindException.class, () -> FerryServer.bind(fx.ferry(), at, s -> { }));
                    try (FerrySocket s = FerrySocket.connect(fx.ferry(), at)) {
                        byte[] payload = BackendFixture.pattern(70_000, 2);
                        s.write(payload, 0, payload.length);
                        s.flush();
                        byte[] back = s.inputStream().readNBytes(payload.length);
                        assertArrayEquals(payload, back);
                    }
                }
            }
            fx.assertQuiescent();
        }
    }
}
