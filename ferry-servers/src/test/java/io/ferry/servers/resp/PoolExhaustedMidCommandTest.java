package io.ferry.servers.resp;

import io.ferry.backend.BackendKind;
import io.ferry.servers.PoolExhaustion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: when the pool cannot grow a command's buffer (every jumbo in use), the connection fails without
// keeping the buffers it held: the received one included. On io_uring a kept receive buffer is one the ring
// never gets back; with a small ring every connection then starves for good.
@Timeout(60)
class PoolExhaustedMidCommandTest {
    @ParameterizedTest
    @MethodSource("io.ferry.servers.PoolExhaustion#backends")
    void shouldReleaseEveryBufferOfTheFailedCommand(BackendKind kind) throws Exception {
        PoolExhaustion.assertNothingKeptWhenThePoolRefuses(kind, new RespServer(RespServer.DEFAULT_MAX_BULK),
            "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$200000\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
