package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.PoolExhaustedException;
import io.ferry.servers.LoopChecks;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: when the pool cannot grow a command's buffer (every jumbo in use), the connection fails without
// keeping the buffers it held: the received one included. On io_uring a kept receive buffer is one the ring
// never gets back; with a small ring every connection then starves for good.
@Timeout(60)
class PoolExhaustedMidCommandTest {
    @ParameterizedTest
    @MethodSource("io.ferry.servers.resp.PoolExhaustedMidCommandTest#backends")
    void shouldReleaseEveryBufferOfTheFailedCommand(BackendKind kind) throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).errorHandler(errors::add)
            .pools(() -> BufferPool.builder().jumboCap(1).jumbosPerSlab(1).build()).build()) {
            int port = ferry.listen(new InetSocketAddress("127.0.0.1", 0), new RespServer(RespServer.DEFAULT_MAX_BULK))
                .localAddress().getPort();
            try (Socket first = new Socket("127.0.0.1", port); Socket second = new Socket("127.0.0.1", port)) {
                sendPartOfALargeBody(first); // holds the only jumbo buffer
                Thread.sleep(200);
                sendPartOfALargeBody(second); // cannot grow past a standard buffer
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (errors.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
            assertTrue(errors.stream().anyMatch(e -> e instanceof PoolExhaustedException),
                "the second command ran out of jumbo buffers: " + errors);
            assertTrue(LoopChecks.awaitConnections(ferry, 0, 5_000_000_000L), "connections closed");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (LoopChecks.bytesInUse(ferry) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, LoopChecks.bytesInUse(ferry), LoopChecks.poolStats(ferry));
        }
    }

    static java.util.stream.Stream<BackendKind> backends() {
        return java.util.stream.Stream.of(BackendKind.URING, BackendKind.EPOLL, BackendKind.NIO)
            .filter(k -> io.ferry.Backends.of(k).availability().available());
    }

    private static void sendPartOfALargeBody(Socket s) throws Exception {
        try {
            send(s.getOutputStream());
        } catch (SocketException reset) {
            // the failed request's connection is aborted: the rest of its body has nowhere to go
        }
    }

    private static void send(OutputStream out) throws Exception {
        out.write("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$200000\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] piece = new byte[8 * 1024];
        for (int i = 0; i < 8; i++) { // in pieces, so the command's buffer grows past a standard one
            out.write(piece);
            out.flush();
            Thread.sleep(20);
        }
    }
}
