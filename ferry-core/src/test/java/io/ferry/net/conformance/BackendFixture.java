package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.Backends;
import io.ferry.backend.BackendKind;
import io.ferry.backend.UringReceiveStrategy;
import io.ferry.TestBackends;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.PoolStats;
import io.ferry.loop.EventLoop;
import io.ferry.runtime.LoopThread;
import io.ferry.net.HandlerFactory;
import io.ferry.net.Listener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.net.ServerSocket;
import java.net.Socket;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The conformance suite's fixture: which backends run here, a {@link Ferry} on one of them listening
 * on loopback, and the end-of-test check that every loop is back at its baseline (no open
 * connection, no buffer in use, nothing in flight, no error reported).
 *
 * <p>A backend joins the suite by being listed in {@link BackendKind}: {@link #backends()} picks up
 * every concrete kind whose {@code availability()} is true here. Tests whose behaviour depends on how
 * bytes are received take a {@link BackendReceive} from {@link #backendsAndReceiveStrategies()} instead,
 * which runs io_uring once per {@link UringReceiveStrategy} this kernel supports.
 */
final class BackendFixture implements AutoCloseable {
    /** How long a loop may take to settle after the clients are done. */
    private static final long SETTLE_NANOS = 10_000_000_000L;
    private final Ferry ferry;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<BufferPool> pools = new CopyOnWriteArrayList<>();
    private final Transport transport;
    private Path unixDir;

    private BackendFixture(BackendKind kind, Transport transport, int loops, UnaryOperator<Ferry.Builder> tweak)
        throws IOException {
        this.transport = transport;
        Ferry.Builder b = Ferry.builder().backend(kind).loops(loops).errorHandler(errors::add).pools(() -> {
            BufferPool p = BufferPool.create();
            pools.add(p);
            return p;
        });
        this.ferry = tweak.apply(b).build();
    }

    /** Every backend except AUTO that can run on this machine: the suite's parameter source. */
    static Stream<BackendKind> backends() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO)
            .filter(k -> TestBackends.of(k).availability().available());
    }

    /** Every backend here over every transport: the parameter source of the tests that run over both. */
    static Stream<Arguments> backendsAndTransports() {
        return backends().flatMap(k -> Arrays.stream(Transport.values()).map(t -> Arguments.of(k, t)));
    }

    /** A backend, and on io_uring a receive strategy (null elsewhere): what a test runs over. */
    record BackendReceive(BackendKind kind, UringReceiveStrategy receive) {
        @Override
        public String toString() {
            return receive == null ? kind.label() : kind.label() + " " + receive;
        }
    }

    /** {@link #backends()}, io_uring once per receive strategy this kernel supports. */
    static Stream<BackendReceive> backendsAndReceiveStrategies() {
        return backends().flatMap(k -> k != BackendKind.URING ? Stream.of(new BackendReceive(k, null))
            : Arrays.stream(UringReceiveStrategy.values())
                .filter(s -> Backends.uringReceiveAvailability(s).available())
                .map(s -> new BackendReceive(k, s)));
    }

    /** Every backend and receive strategy here over every transport. */
    static Stream<Arguments> backendsReceivesAndTransports() {
        return backendsAndReceiveStrategies()
            .flatMap(b -> Arrays.stream(Transport.values()).map(t -> Arguments.of(b, t)));
    }

    static BackendFixture start(BackendReceive t, int loops) throws IOException {
        return start(t, Transport.TCP, loops, UnaryOperator.identity());
    }

    static BackendFixture start(BackendReceive t, int loops, UnaryOperator<Ferry.Builder> tweak) throws IOException {
        return start(t, Transport.TCP, loops, tweak);
    }

    static BackendFixture start(BackendReceive t, Transport transport, int loops) throws IOException {
        return start(t, transport, loops, UnaryOperator.identity());
    }

    static BackendFixture start(BackendReceive t, Transport transport, int loops, UnaryOperator<Ferry.Builder> tweak)
        throws IOException {
        return new BackendFixture(t.kind(), transport, loops,
            b -> tweak.apply(t.receive() == null ? b : b.uringReceive(t.receive())));
    }

    static BackendFixture start(BackendKind kind, int loops) throws IOException {
        return new BackendFixture(kind, Transport.TCP, loops, UnaryOperator.identity());
    }

    static BackendFixture start(BackendKind kind, int loops, UnaryOperator<Ferry.Builder> tweak) throws IOException {
        return new BackendFixture(kind, Transport.TCP, loops, tweak);
    }

    /** A fixture whose {@link #listen} uses {@code transport}. */
    static BackendFixture start(BackendKind kind, Transport transport, int loops) throws IOException {
        return new BackendFixture(kind, transport, loops, UnaryOperator.identity());
    }

    static BackendFixture start(BackendKind kind, Transport transport, int loops, UnaryOperator<Ferry.Builder> tweak)
        throws IOException {
        return new BackendFixture(kind, transport, loops, tweak);
    }

    Ferry ferry() {
        return ferry;
    }

    /** Errors the loops reported to their error handler. */
    List<Throwable> errors() {
        return errors;
    }

    /** Every pool the runtime made (readable after close: the stats survive the pool). */
    List<BufferPool> pools() {
        return pools;
    }

    /** Listens on 127.0.0.1 with an ephemeral port, or on a fresh Unix socket file: the fixture's transport. */
    Listener listen(HandlerFactory factory) throws IOException {
        return ferry.listen(listenAddress(), factory);
    }

    /** {@return where {@link #listen} listens; a Unix socket file's directory is made on first use} */
    SocketAddress listenAddress() {
        if (transport == Transport.UNIX && unixDir == null) {
            unixDir = Transport.tempDir();
        }
        return transport.listenAddress(unixDir);
    }

    /**
     * Waits (bounded) until every loop has no open connection and no buffer in use, then asserts
     * that, nothing in flight in the driver, and no error reported.
     */
    void assertQuiescent() {
        for (EventLoop each : ferry.loops().loops()) {
            LoopThread loop = (LoopThread) each;
            awaitTrue(() -> loop.await(() -> loop.openResources() == 0 && loop.pool().stats().inUse() == 0));
            assertEquals(0, (int) loop.await(loop::openResources), loop.name() + " open connections");
            PoolStats stats = loop.await(() -> loop.pool().stats());
            assertEquals(0, stats.inUse(), loop.name() + " buffers in use: " + stats);
            assertEquals(0, (int) loop.await(() -> loop.driver().inFlight()), loop.name() + " in flight");
        }
        assertTrue(errors.isEmpty(), "errors reported on the loops: " + errors);
    }

    /** After {@link #close()}: every pool has all its buffers back. */
    void assertPoolsAtBaseline() {
        for (BufferPool p : pools) {
            assertEquals(0, p.stats().inUse(), "buffers in use after close: " + p.stats());
        }
    }

    /**
     * With {@code parked} (e.g. "the writer parked") blocked in a virtual thread: the first loop sleeps, so no
     * drain-and-wake cycle between the parked thread and the loop keeps it polling.
     */
    void assertLoopSleeps(String parked) throws InterruptedException {
        LoopThread loop = (LoopThread) ferry().loops().get(0);
        long before = loop.await(() -> loop.counters().polls());
        Thread.sleep(300);
        long polls = loop.await(() -> loop.counters().polls()) - before;
        assertTrue(polls < 100, loop.name() + " polled " + polls + " times in 300 ms with " + parked);
    }

    /**
     * Holds {@code loop} in a task and fills its task queue behind it, so what is handed to the loop next meets a full
     * queue. {@return the latch that lets the loop go on}
     */
    static CountDownLatch holdBehindFullTaskQueue(EventLoop loop) throws InterruptedException {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            busy.countDown();
            awaitQuietly(release);
        });
        assertTrue(busy.await(10, TimeUnit.SECONDS), loop.name() + " did not run the holding task");
        fillTaskQueue(loop);
        return release;
    }

    /** Queues no-op tasks on {@code loop} until it refuses one: its task queue is full. */
    private static void fillTaskQueue(EventLoop loop) {
        try {
            while (true) {
                loop.execute(() -> { });
            }
        } catch (RejectedExecutionException full) {
            // the queue is full
        }
    }

    /** Waits up to 30 s for {@code latch}; for a task that holds its loop until the test lets go. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls {@code condition} until it holds or the settle deadline passes. */
    static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        ferry.close();
        if (unixDir != null) {
            try (Stream<Path> left = Files.list(unixDir)) {
                assertEquals(List.of(), left.toList(), "socket files left after the listeners closed");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                unixDir.toFile().delete();
                unixDir = null; // close may come twice
            }
        }
    }

    // ---- client helpers ---------------------------------------------------------------------

    /** {@code n} bytes of a position-dependent pattern, so lost or reordered bytes show. */
    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = patternByte(i, seed);
        }
        return b;
    }

    static byte patternByte(long position, int seed) {
        return (byte) ((position * 31 + seed) % 251);
    }

    /** Reads until EOF. */
    static byte[] readToEnd(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    /**
     * Sends {@code payload} to an echo server on a new connection, half-closes, and returns every
     * byte that came back before the server closed.
     */
    static byte[] echoThrough(SocketAddress server, byte[] payload) throws IOException {
        try (SocketChannel s = SocketChannel.open(server)) {
            CompletableFuture<Void> sent = sendThenShutdown(s, payload);
            byte[] back = readToEnd(Channels.newInputStream(s));
            sent.join();
            return back;
        }
    }

    /** Sends {@code payload} on {@code s} from a virtual thread, then half-closes; completes when done. */
    static CompletableFuture<Void> sendThenShutdown(SocketChannel s, byte[] payload) {
        return CompletableFuture.runAsync(() -> {
            try {
                writeAll(Channels.newOutputStream(s), payload);
                s.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    /** Sends {@code payload} on {@code s} from a virtual thread, then half-closes; completes when done. */
    static CompletableFuture<Void> sendThenShutdown(Socket s, byte[] payload) {
        return CompletableFuture.runAsync(() -> {
            try {
                writeAll(s.getOutputStream(), payload);
                s.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    /**
     * Reads until EOF like a slow client (a 1 ms pause every 64 reads), checking every byte against
     * {@link #patternByte} with {@code seed}; returns how many bytes came.
     */
    static long readSlowlyChecking(InputStream in, int seed) throws IOException, InterruptedException {
        byte[] chunk = new byte[32 * 1024];
        long received = 0;
        int reads = 0;
        for (int n; (n = in.read(chunk)) > 0; ) {
            for (int i = 0; i < n; i++) {
                if (chunk[i] != patternByte(received + i, seed)) {
                    throw new AssertionError("byte " + (received + i) + " differs");
                }
            }
            received += n;
            if (++reads % 64 == 0) {
                Thread.sleep(1); // stay slow
            }
        }
        return received;
    }

    /** A loopback port nothing listens on (bound, then released), for refused connects. */
    static int closedPort() throws IOException {
        try (ServerSocket closed = new ServerSocket(0)) {
            return closed.getLocalPort();
        }
    }

    /** Reads about 1 MiB of what a server streams, then resets the connection (SO_LINGER 0; Unix: closes). */
    static void readThenReset(SocketAddress server) throws IOException {
        try (SocketChannel s = SocketChannel.open(server)) {
            InputStream in = Channels.newInputStream(s);
            byte[] chunk = new byte[64 * 1024];
            long got = 0;
            while (got < 1024 * 1024) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            Transport.reset(s);
        } // RST while the server still writes
    }

    /** Writes {@code data} in pieces of up to 64 KiB. */
    static void writeAll(OutputStream out, byte[] data) throws IOException {
        for (int at = 0; at < data.length; at += 64 * 1024) {
            out.write(data, at, Math.min(64 * 1024, data.length - at));
        }
        out.flush();
    }
}
