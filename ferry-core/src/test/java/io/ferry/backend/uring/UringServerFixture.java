package io.ferry.backend.uring;

import io.ferry.runtime.LoopThread;
import io.ferry.linux.uring.CompletionSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Ferry;
import io.ferry.TestBackends;
import io.ferry.buffer.PoolStats;
import io.ferry.net.HandlerFactory;
import io.ferry.net.Listener;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.UnaryOperator;

/** A one-loop Ferry on a configured io_uring backend, for the backend's own fault tests. */
final class UringServerFixture implements AutoCloseable {
    final Ferry ferry;
    final Listener listener;

    UringServerFixture(UringConfig config, UnaryOperator<CompletionSource> faults, HandlerFactory factory)
        throws IOException {
        UringBackend backend = new UringBackend(config, faults);
        assumeTrue(backend.availability().available(),
            () -> "io_uring unavailable: " + backend.availability().reason());
        ferry = TestBackends.builder(backend).loops(1).build();
        listener = ferry.listen(new InetSocketAddress("127.0.0.1", 0), factory);
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    LoopThread loop() {
        return (LoopThread) ferry.loops().get(0);
    }

    /** Sends {@code payload} on a new connection and reads the same number of bytes back. */
    byte[] roundTrip(byte[] payload) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.getOutputStream().write(payload);
            byte[] back = new byte[payload.length];
            new DataInputStream(s.getInputStream()).readFully(back);
            return back;
        }
    }

    /** Waits (bounded) until no connection is open and none has an operation in flight, then checks the pool. */
    void assertQuiescent() throws InterruptedException {
        LoopThread loop = loop();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((loop.await(loop::openResources) > 0 || loop.await(() -> loop.driver().inFlight()) > 0)
            && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, (int) loop.await(loop::openResources), "open connections");
        assertEquals(0, (int) loop.await(() -> loop.driver().inFlight()), "operations in flight");
        PoolStats stats = loop.await(() -> loop.pool().stats());
        assertEquals(0, stats.inUse(), stats.toString());
    }

    @Override
    public void close() {
        ferry.close();
    }
}
