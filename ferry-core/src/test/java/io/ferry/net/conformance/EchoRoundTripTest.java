package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.buffer.BufferPool;
import io.ferry.net.Listener;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: an echo server returns exactly what it received, for sizes around every buffer boundary, over TCP and Unix
// domain sockets.
@Timeout(60)
class EchoRoundTripTest {
    /** Message sizes, relative to the pool's buffer sizes where that is the point. */
    enum Size {
        EMPTY(p -> 0),
        ONE(p -> 1),
        POOL_SIZE_MINUS_ONE(p -> p.bufferSize() - 1),
        POOL_SIZE(BufferPool::bufferSize),
        POOL_SIZE_PLUS_ONE(p -> p.bufferSize() + 1),
        JUMBO_PLUS_ONE(p -> p.jumboSize() + 1),
        EIGHT_MIB(p -> 8 * 1024 * 1024);

        private final ToIntFunction<BufferPool> bytes;

        Size(ToIntFunction<BufferPool> bytes) {
            this.bytes = bytes;
        }

        /** This size for {@code pool}'s buffer sizes. */
        int bytes(BufferPool pool) {
            return bytes.applyAsInt(pool);
        }
    }

    static Stream<Arguments> cases() {
        return BackendFixture.backendsReceivesAndTransports().flatMap(
            kt -> Stream.of(Size.values()).map(s -> Arguments.of(kt.get()[0], kt.get()[1], s)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldEchoMessageOfSize(BackendFixture.BackendReceive backend,
        Transport transport, Size size) throws Exception {
        try (BackendFixture fx = BackendFixture.start(backend, transport, 1)) {
            Listener l = fx.listen(c -> (conn, data) -> conn.writeAndFlush(data));
            int n = size.bytes.applyAsInt(fx.ferry().loops().get(0).pool());
            byte[] payload = BackendFixture.pattern(n, 7);
            byte[] back = BackendFixture.echoThrough(l.localAddress(), payload);
            assertEquals(n, back.length, "bytes echoed");
            assertArrayEquals(payload, back);
            fx.assertQuiescent();
        }
    }
}
