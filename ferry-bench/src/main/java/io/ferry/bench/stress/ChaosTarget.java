package io.ferry.bench.stress;

import io.ferry.Ferry;
import io.ferry.LoopStats;
import io.ferry.buffer.PoolStats;
import io.ferry.net.Listener;
import io.ferry.net.blocking.FerryServer;
import io.ferry.servers.http.HttpLimits;
import io.ferry.servers.http.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The runtime under attack: one {@link Ferry} built with {@link ChaosSettings}, serving the chaos echo
 * protocol in both styles and HTTP/1.1, with platform threads that release buffers away from their
 * loops. It answers whether the runtime came back to rest: no connection, operation or buffer left.
 */
final class ChaosTarget implements AutoCloseable {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    final Ferry ferry;
    final InetSocketAddress echo;
    final InetSocketAddress blocking;
    final InetSocketAddress http;
    private final Listener echoListener;
    private final FerryServer blockingServer;
    private final Listener httpListener;
    private final ChaosBlockingServer blockingHandler;
    private final ExecutorService elsewhere;
    private final Queue<Throwable> handlerErrors = new ConcurrentLinkedQueue<>();

    ChaosTarget(ChaosSettings settings) throws IOException {
        elsewhere = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("chaos-release-", 0).daemon().factory());
        ferry = settings.builder().loops(settings.loops())
            .taskQueueCapacity(settings.taskQueue()).socketOptions(settings.socketOptions())
            .errorHandler(handlerErrors::add).build();
        blockingHandler = new ChaosBlockingServer(elsewhere);
        echoListener = ferry.listen(ANY_PORT, c -> new ChaosEchoHandler(elsewhere));
        blockingServer = FerryServer.bind(ferry, ANY_PORT, blockingHandler);
        // Long timeouts: a peer that vanishes must be noticed by its reset or FIN, not by a timer.
        HttpLimits limits = HttpLimits.defaults().withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60));
        httpListener = ferry.listen(ANY_PORT, new HttpServer(limits, null));
        echo = (InetSocketAddress) echoListener.localAddress();
        blocking = (InetSocketAddress) blockingServer.localAddress();
        http = (InetSocketAddress) httpListener.localAddress();
    }

    /** Errors that escaped handlers or loop tasks: each one is a defect. */
    List<Throwable> handlerErrors() {
        return List.copyOf(handlerErrors);
    }

    /** Connections open in every loop (accepted and connected ones). */
    int openConnections() {
        return ferry.stats().openConnections();
    }

    /** Stops accepting; connections already open carry on. */
    void stopAccepting() {
        echoListener.close();
        blockingServer.close();
        httpListener.close();
    }

    /**
     * Waits up to {@code within} for every loop to come to rest (after {@link #stopAccepting()}); returns
     * what is still held when it does not: open resources, operations in flight, buffers in use, handler
     * threads alive.
     */
    List<String> awaitRest(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> held = restState();
        while (!held.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            held = restState();
        }
        return held;
    }

    private List<String> restState() {
        List<String> held = new ArrayList<>();
        for (LoopStats loop : ferry.stats().loops()) {
            int open = loop.openConnections() + loop.openFiles();
            int inFlight = loop.opsInFlight();
            PoolStats pool = loop.pool();
            if (open > 0) {
                held.add(loop.loop() + ": " + open + " connections still open");
            }
            if (inFlight > 0) {
                held.add(loop.loop() + ": " + inFlight + " operations still in flight");
            }
            if (pool.inUse() > 0) {
                held.add(loop.loop() + ": " + pool.inUse() + " buffers still in use (" + pool + ")");
            }
        }
        if (blockingHandler.alive() > 0) {
            held.add(blockingHandler.alive() + " straight-line handler threads still running (parked?)");
        }
        return held;
    }

    @Override
    public void close() {
        try {
            ferry.close();
        } finally {
            elsewhere.shutdown();
        }
    }
}
