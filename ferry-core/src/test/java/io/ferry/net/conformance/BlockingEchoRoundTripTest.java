package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a blocking-style echo server (read/write/flush on a virtual thread) returns exactly what it
// received, for sizes around every buffer boundary, on every backend, over TCP and Unix sockets.
@Timeout(60)
class BlockingEchoRoundTripTest {
    static Stream<Arguments> cases() {
        return BackendFixture.backendsAndTransports().flatMap(kt -> Stream.of(EchoRoundTripTest.Size.values())
            .map(s -> Arguments.of(kt.get()[0], kt.get()[1], s)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldEchoMessageOfSizeThroughBlockingApi(BackendKind kind, Transport transport, EchoRoundTripTest.Size size)
        throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, transport, 1);
             FerryServer server = BlockingServers.bind(fx, BlockingServers::echo)) {
            int n = size.bytes(fx.ferry().loops().get(0).pool());
            byte[] payload = BackendFixture.pattern(n, 17);
            byte[] back = BackendFixture.echoThrough(server.localAddress(), payload);
            assertArrayEquals(payload, back, "echoed bytes");
            fx.assertQuiescent();
        }
    }
}
