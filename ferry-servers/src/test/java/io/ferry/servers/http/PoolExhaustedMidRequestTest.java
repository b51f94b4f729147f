package io.ferry.servers.http;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.BufferPool;
import io.ferry.servers.PoolExhaustion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: when the pool has no buffer left for a request's body (the body is held in pool buffers as it arrives,
// and the first client's holds all but a few), the connection fails without keeping the buffers it held: the
// received one included. On io_uring a kept receive buffer is one the ring never gets back; with a small ring
// every connection then starves for good.
@Timeout(60)
class PoolExhaustedMidRequestTest {
    @ParameterizedTest
    @MethodSource("io.ferry.servers.PoolExhaustion#backends")
    void shouldReleaseEveryBufferOfTheFailedRequest(BackendKind kind) throws Exception {
        // io_uring lends 256 buffers to its receive ring; past those, room for one client's 64 KiB (4) and 2 more.
        int cap = (kind == BackendKind.URING ? 256 : 0) + 6;
        PoolExhaustion.assertNothingKeptWhenThePoolRefuses(kind, HttpServer.create(null),
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 200000\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            () -> BufferPool.builder().buffersPerSlab(cap).bufferCap(cap).build());
    }
}
