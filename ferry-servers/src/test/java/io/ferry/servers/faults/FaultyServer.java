package io.ferry.servers.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.Ferry;
import io.ferry.LoopStats;
import io.ferry.backend.BackendKind;
import io.ferry.backend.epoll.EpollBackend;
import io.ferry.backend.nio.NioBackend;
import io.ferry.backend.uring.UringBackend;
import io.ferry.backend.uring.UringConfig;
import io.ferry.net.blocking.FerryServer;
import io.ferry.servers.LoopChecks;
import io.ferry.servers.http.BlockingHttp;
import io.ferry.servers.http.HttpLimits;
import io.ferry.servers.http.HttpServer;
import io.ferry.servers.resp.RespServer;
import io.ferry.spi.Backend;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** One server (HTTP in either style, or RESP) on two loops of a backend whose calls follow a {@link FaultPlan}. */
final class FaultyServer implements AutoCloseable {
    /** The servers the schedule runs. */
    enum Kind {
        HTTP_HANDLER, HTTP_BLOCKING, RESP
    }

    /**
     * io_uring's provided-buffer ring holds two buffers, so that six clients really run it dry: real ENOBUFS
     * from the kernel besides the injected ones (a seed-1 run of the nine cases saw about 150 starved receives).
     */
    private static final int RECV_BUFFERS = 2;
    private final Ferry ferry;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final int port;

    FaultyServer(Kind kind, BackendKind backend, FaultPlan plan, Path root) throws IOException {
        ferry = builder(backend(backend, plan)).loops(2).errorHandler(errors::add).build();
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        HttpLimits limits = HttpLimits.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
        try {
            port = switch (kind) {
                case HTTP_HANDLER -> portOf(ferry.listen(any, new HttpServer(limits, root)).localAddress());
                case HTTP_BLOCKING -> portOf(FerryServer.bind(ferry, any, new BlockingHttp(limits, root))
                    .localAddress());
                case RESP -> portOf(ferry.listen(any, new RespServer(RespServer.DEFAULT_MAX_BULK)).localAddress());
            };
        } catch (IOException | RuntimeException e) {
            ferry.close();
            throw e;
        }
    }

    private static Backend backend(BackendKind kind, FaultPlan plan) {
        return switch (kind) {
            case URING -> new UringBackend(new UringConfig(1024, 8192, RECV_BUFFERS), UnaryOperator.identity(), plan);
            case EPOLL -> new EpollBackend(plan);
            case NIO -> new NioBackend(plan);
            case AUTO -> throw new IllegalArgumentException("a concrete backend, not AUTO");
        };
    }

    /**
     * {@code Ferry.builder().backend(instance)}: package-private, because a backend instance is internal. This
     * module compiles against the exported API (plus, for tests, the backend packages); its tests run on the
     * class path, where the method is reachable.
     */
    private static Ferry.Builder builder(Backend backend) {
        try {
            Method m = Ferry.Builder.class.getDeclaredMethod("backend", Backend.class);
            m.setAccessible(true);
            return (Ferry.Builder) m.invoke(Ferry.builder(), backend);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Ferry.Builder.backend(Backend) is not reachable", e);
        }
    }

    int port() {
        return port;
    }

    /**
     * Waits (bounded) for every connection to close, every pool buffer to come back and every operation slot
     * to be released (a failed submission's too), then asserts it and that no loop reported an error.
     */
    void assertQuiescent() throws InterruptedException {
        LoopChecks.assertQuiescent(ferry, errors);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        for (LoopStats loop : ferry.stats().loops()) {
            assertEquals(0, loop.opsInFlight(), loop.loop() + " operations in flight");
        }
    }

    private int inFlight() {
        return ferry.stats().loops().stream().mapToInt(LoopStats::opsInFlight).sum();
    }

    @Override
    public void close() {
        ferry.close();
    }

    private static int portOf(SocketAddress address) {
        return ((InetSocketAddress) address).getPort();
    }
}
