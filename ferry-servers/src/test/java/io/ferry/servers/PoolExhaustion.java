package io.ferry.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Backends;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.PoolExhaustedException;
import io.ferry.net.HandlerFactory;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The pool-exhaustion check the protocol servers share: with one jumbo buffer per pool, a first client's large
 * request holds it, a second's cannot grow past a standard buffer and fails; afterwards every connection is closed
 * and no buffer is in use, the received one of the failed request included.
 */
public final class PoolExhaustion {
    private static final long WAIT_NANOS = 5_000_000_000L;

    private PoolExhaustion() {
    }

    /** Every concrete backend that runs here. */
    public static Stream<BackendKind> backends() {
        return Stream.of(BackendKind.URING, BackendKind.EPOLL, BackendKind.NIO)
            .filter(k -> Backends.availability(k).available());
    }

    /**
     * Serves {@code server} on {@code kind}, sends {@code head} then 64 KiB in pieces from two clients, and checks
     * the second failed with {@link PoolExhaustedException} and that nothing was kept.
     */
    public static void assertNothingKeptWhenThePoolRefuses(BackendKind kind, HandlerFactory server, byte[] head)
        throws Exception {
        assertNothingKeptWhenThePoolRefuses(kind, server, head,
            () -> BufferPool.builder().jumboCap(1).jumbosPerSlab(1).build());
    }

    /**
     * The same with other pools: {@code pools} makes pools small enough that the second client's request cannot
     * get what it needs.
     */
    public static void assertNothingKeptWhenThePoolRefuses(BackendKind kind, HandlerFactory server, byte[] head,
                                                           Supplier<BufferPool> pools) throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).errorHandler(errors::add).pools(pools).build()) {
            int port = ((InetSocketAddress) ferry.listen(new InetSocketAddress("127.0.0.1", 0), server).localAddress())
            .getPort();
            try (Socket first = new Socket("127.0.0.1", port); Socket second = new Socket("127.0.0.1", port)) {
                sendInPieces(first, head); // holds the only jumbo buffer
                Thread.sleep(200);
                sendInPieces(second, head); // cannot grow past a standard buffer
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (errors.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
            assertTrue(errors.stream().anyMatch(e -> e instanceof PoolExhaustedException),
                "the second request ran out of buffers: " + errors);
            assertTrue(LoopChecks.awaitConnections(ferry, 0, WAIT_NANOS), "connections closed");
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (LoopChecks.bytesInUse(ferry) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, LoopChecks.bytesInUse(ferry), LoopChecks.poolStats(ferry));
        }
    }

    private static void sendInPieces(Socket s, byte[] head) throws Exception {
        try {
            OutputStream out = s.getOutputStream();
            out.write(head);
            byte[] piece = new byte[8 * 1024];
            for (int i = 0; i < 8; i++) { // in pieces, so the request's buffer grows past a standard one
                out.write(piece);
                out.flush();
                Thread.sleep(20);
            }
        } catch (SocketException reset) {
            // the failed request's connection is aborted: the rest of its body has nowhere to go
        }
    }
}
