package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ferry.backend.BackendKind;
import io.ferry.net.Listener;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsProvider;
import java.net.InetSocketAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: over TLS, an echo server returns exactly what it received, in both styles, for sizes around every
// buffer and record boundary up to 8 MiB, on every backend, and leaves nothing behind.
@Timeout(120)
class TlsEchoRoundTripTest {
    static Stream<Arguments> cases() {
        return TlsTestCerts.withProviders(BackendFixture.backends().flatMap(k -> Stream.of(
            EchoRoundTripTest.Size.values()).map(s -> Arguments.of(k, s))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldEchoOverTlsInHandlerStyle(BackendKind kind, EchoRoundTripTest.Size size, TlsProvider provider)
        throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Listener l = fx.listen(Tls.server(TlsTestCerts.server(provider),
                c -> (conn, data) -> conn.writeAndFlush(data)));
            byte[] payload = BackendFixture.pattern(size.bytes(fx.ferry().loops().get(0).pool()), 5);
            int port = ((InetSocketAddress) l.localAddress()).getPort();
            assertArrayEquals(payload, TlsTestCerts.echoThrough(port, payload));
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldEchoOverTlsInBlockingStyle(BackendKind kind, EchoRoundTripTest.Size size, TlsProvider provider)
        throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, 1);
             FerryServer server = FerryServer.bind(fx.ferry(), new InetSocketAddress("127.0.0.1", 0),
                 fx.ferry().socketOptions(), TlsTestCerts.server(provider), BlockingServers::echo)) {
            byte[] payload = BackendFixture.pattern(size.bytes(fx.ferry().loops().get(0).pool()), 6);
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            assertArrayEquals(payload, TlsTestCerts.echoThrough(port, payload));
            fx.assertQuiescent();
        }
    }
}
