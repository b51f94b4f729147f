package io.ferry.servers.http;

import io.ferry.backend.BackendKind;
import io.ferry.servers.PoolExhaustion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: when the pool cannot grow a request's buffer (every jumbo in use), the connection fails without
// keeping the buffers it held: the received one included. On io_uring a kept receive buffer is one the ring
// never gets back; with a small ring every connection then starves for good.
@Timeout(60)
class PoolExhaustedMidRequestTest {
    @ParameterizedTest
    @MethodSource("io.ferry.servers.PoolExhaustion#backends")
    void shouldReleaseEveryBufferOfTheFailedRequest(BackendKind kind) throws Exception {
        PoolExhaustion.assertNothingKeptWhenThePoolRefuses(kind, HttpServer.create(null),
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 200000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
