package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: 2,000 connections held open at once with a virtual thread on both ends (FerrySocket.connect
// clients and a FerryServer echo in one runtime) exchange small messages within a time bound, and the
// loops end at baseline. (BlockingTenThousandConnectionsTest takes the count to 10,000 with its
// clients in a second process; here both ends share this JVM's descriptors.)
@Timeout(120)
class BlockingManyClientSocketsTest {
    private static final int TARGET = 2_000;
    private static final int MESSAGES = 3;
    private static final int SPARE_DESCRIPTORS = 1_000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldServeFerrySocketClientsAtOnce(BackendKind kind) throws Exception {
        int n = connections();
        Assumptions.assumeTrue(n >= TARGET, "only " + n + " connections fit under the descriptor limit");
        AtomicInteger peak = new AtomicInteger();
        try (BackendFixture fx = BackendFixture.start(kind, 2);
             FerryServer server = BlockingServers.bindCountingEcho(fx, peak)) {
            CountDownLatch allOpen = new CountDownLatch(n);
            CountDownLatch allEchoed = new CountDownLatch(n);
            Semaphore connecting = new Semaphore(256); // stay under the listen backlog
            long start = System.nanoTime();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int id = i;
                    done.add(clients.submit(() -> {
                        runClient(fx, (InetSocketAddress) server.localAddress(), id, connecting, allOpen, allEchoed);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(90, TimeUnit.SECONDS);
                }
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertEquals(n, peak.get(), "server connections open at once");
            assertTrue(seconds < 90, n + " connections took " + seconds + " s");
            fx.assertQuiescent();
        }
    }

    /**
     * One client: connect, wait for all to be connected, then exchange messages. It keeps its connection
     * until every client has had its first echo: a client's connect completes when the kernel queues the
     * connection, before the server accepts it, so without that early clients could finish and close
     * before the last connections were accepted, and the server would never see all of them at once.
     */
    private static void runClient(BackendFixture fx, InetSocketAddress server, int id, Semaphore connecting,
                                  CountDownLatch allOpen, CountDownLatch allEchoed) throws Exception {
        FerrySocket s;
        connecting.acquire();
        try {
            s = FerrySocket.connect(fx.ferry(), server, Duration.ofSeconds(30));
        } finally {
            connecting.release();
        }
        try (s) {
            allOpen.countDown();
            assertTrue(allOpen.await(60, TimeUnit.SECONDS), "all connections open");
            for (int m = 0; m < MESSAGES; m++) {
                byte[] msg = BackendFixture.pattern(16 + (id + m) % 48, id * MESSAGES + m);
                s.write(msg, 0, msg.length);
                s.flush();
                byte[] back = new byte[msg.length];
                for (int at = 0; at < back.length; ) {
                    at += s.read(back, at, back.length - at);
                }
                assertArrayEquals(msg, back, "client " + id + " message " + m);
                if (m == 0) {
                    allEchoed.countDown();
                    assertTrue(allEchoed.await(60, TimeUnit.SECONDS), "all connections echoed once");
                }
            }
            s.shutdownOutput();
            assertNull(s.read(), "the server closes after the client's FIN");
        }
    }

    /** As many as fit: two descriptors each, some kept for the JVM, the rings and the listeners. */
    private static int connections() {
        long limit = BlockingServers.descriptorLimit();
        return (int) Math.min(TARGET, (limit - SPARE_DESCRIPTORS) / 2);
    }
}
