package io.ferry.servers.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Backends;
import io.ferry.backend.BackendKind;
import io.ferry.servers.faults.FaultyServer.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: under a seeded schedule of injected faults (ENOBUFS, ECANCELED, ECONNRESET, EAGAIN, short sends, EMFILE
// on accept, EAGAIN from io_uring_enter), every HTTP and RESP server on every backend answers each request it
// answers correctly and in order (a faulted connection may close, never answer wrongly), serves new connections
// once the faults stop, and ends with no connection, pool buffer or descriptor left. Seeds 1-3 by default;
// -Dferry.faults.seed=N replays one, -Dferry.faults.seeds=K runs K random ones (each named in the test's name).
class ShouldAnswerOrCloseUnderFaultScheduleTest {
    private static final int CLIENTS = 6;
    private static final int EXCHANGES = 40;
    private static final int AFTER = 20;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path root;

    /**
     * Runs a clean exchange first, so that what the JDK opens once per process on first use (the virtual
     * threads' I/O pollers the clients start) is open before any test counts descriptors.
     */
    @BeforeAll
    static void openWhatTheJdkOpensOnce(@TempDir Path root) throws Exception {
        BackendKind backend = backends().findFirst().orElseThrow();
        FaultPlan none = new FaultPlan(0, backend);
        none.stop();
        try (FaultyServer server = new FaultyServer(Kind.RESP, backend, none, root);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            FaultClient client = new FaultClient(server.port(), Exchange::resp);
            pool.submit(() -> {
                client.run("warm-up", 0, 4, true, System.nanoTime() + RUN_NANOS);
                return null;
            }).get();
        }
    }

    static Stream<Arguments> cases() {
        return Arrays.stream(Kind.values()).flatMap(kind -> backends().flatMap(backend -> seeds()
            .mapToObj(seed -> Arguments.of(kind, backend, seed))));
    }

    private static Stream<BackendKind> backends() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO)
            .filter(k -> Backends.availability(k).available());
    }

    private static LongStream seeds() {
        String one = System.getProperty("ferry.faults.seed");
        if (one != null && !one.isBlank()) {
            return LongStream.of(Long.parseLong(one.trim()));
        }
        int sweep = Integer.getInteger("ferry.faults.seeds", 0);
        return sweep > 0 ? ThreadLocalRandom.current().longs(sweep, 1, 1L << 31) : LongStream.of(1, 2, 3);
    }

    @ParameterizedTest(name = "{0} on {1}, fault seed {2}")
    @MethodSource("cases")
    @Timeout(120)
    void shouldAnswerCorrectlyOrCloseUnderFaults(Kind kind, BackendKind backend, long seed) throws Exception {
        FaultPlan plan = new FaultPlan(seed, backend);
        try {
            run(kind, backend, plan);
        } catch (AssertionError | Exception e) {
            throw new AssertionError(kind + " on " + backend + ", " + plan + ": " + e.getMessage(), e);
        }
    }

    private void run(Kind kind, BackendKind backend, FaultPlan plan) throws Exception {
        BiFunction<Random, String, Exchange> protocol = kind == Kind.RESP ? Exchange::resp : Exchange::http;
        long descriptors = Descriptors.open();
        int answered = 0;
        int closes = 0;
        try (FaultyServer server = new FaultyServer(kind, backend, plan, root)) {
            long deadline = System.nanoTime() + RUN_NANOS;
            List<FaultClient> clients = new ArrayList<>();
            List<Future<?>> runs = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < CLIENTS; c++) {
                    FaultClient client = new FaultClient(server.port(), protocol);
                    clients.add(client);
                    String name = "c" + c;
                    long clientSeed = plan.seed() * 31 + c;
                    boolean pipelined = c % 2 == 1;
                    runs.add(pool.submit(() -> {
                        client.run(name, clientSeed, EXCHANGES, pipelined, deadline);
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(); // a wrong answer or a stall fails here, with the client's message
                }
            }
            for (FaultClient client : clients) {
                answered += client.answered();
                closes += client.closes();
            }
            assertTrue(System.nanoTime() - deadline < 0, "the faulted workload did not finish within the bound");
            assertTrue(plan.total() > 0, "no fault was injected");
            // Half the exchanges get answers under the default schedule; a harsher one resets more connections.
            assertTrue(answered >= CLIENTS * EXCHANGES / 2 / plan.intensity(), "traffic did not flow: " + answered
                + " answers, " + closes + " closed connections");
            plan.stop();
            FaultClient after = new FaultClient(server.port(), protocol);
            after.run("after", plan.seed(), AFTER, true, System.nanoTime() + RUN_NANOS);
            assertEquals(0, after.closes(), "a new connection after the faults was closed");
            assertTrue(after.answered() >= AFTER, "a new connection after the faults got " + after.answered()
                + " answers");
            server.assertQuiescent();
        }
        long left = Descriptors.settleTo(descriptors, 2000);
        assertEquals(descriptors, left, "descriptors open before the server and after it closed");
        System.out.println("fault schedule " + kind + " on " + backend + ": " + answered + " answered, " + closes
            + " connections closed by faults, " + plan);
    }

    /** This process's open descriptors (/proc/self/fd). */
    private static final class Descriptors {
        static long open() throws java.io.IOException {
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                return fds.count();
            }
        }

        /** Waits up to {@code millis} for the count to come back to {@code before}: the count then. */
        static long settleTo(long before, long millis) throws java.io.IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            long now = open();
            while (now > before && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
                now = open();
            }
            return now;
        }
    }
}
