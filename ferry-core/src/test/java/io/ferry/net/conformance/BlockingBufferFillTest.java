package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerryServer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a virtual thread builds its output in place in pool buffers from FerrySocket.buffer() (many per read, all
// from its connection's loop pool) and writes them, on every backend, with every buffer back in the pool afterwards.
@Timeout(60)
class BlockingBufferFillTest {
    private static final int SIZE = 300_000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldSendWhatIsWrittenIntoSocketBuffers(BackendKind kind) throws Exception {
        AtomicBoolean fromLoopPool = new AtomicBoolean(true);
        try (BackendFixture fx = BackendFixture.start(kind, 1);
             FerryServer server = BlockingServers.bind(fx, socket -> {
                 for (Buf in; (in = socket.read()) != null; ) {
                     while (in.isReadable()) {
                         Buf out = socket.buffer();
                         fromLoopPool.compareAndSet(true, out.pool() == socket.loop().pool());
                         while (in.isReadable() && out.writableBytes() > 0) {
                             out.writeByte(in.readByte() ^ 0x5a);
                         }
                         socket.write(out);
                     }
                     in.release();
                     socket.flush();
                 }
             })) {
            byte[] payload = BackendFixture.pattern(SIZE, 3);
            byte[] expected = payload.clone();
            for (int i = 0; i < SIZE; i++) {
                expected[i] ^= 0x5a;
            }
            assertArrayEquals(expected, BackendFixture.echoThrough(server.localAddress(), payload),
                "bytes built in place");
            assertTrue(fromLoopPool.get(), "every buffer came from the connection's loop pool");
            fx.assertQuiescent();
        }
    }
}
