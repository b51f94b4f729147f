package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded stress of CLIENT KILL across loops: clients on both loops kill each other by id (live ones, closed ones,
 * themselves) while others connect, work and vanish. The kill is a cross-thread handshake (the killer's loop asks
 * the victim's loop to close it), so it must close exactly the victim, whatever state it is in, never throw into a
 * loop, and leave nothing behind: every connection closes and every buffer comes back once the clients are gone.
 * Replay a failure with {@code -Dferry.test.seed=S}.
 */
@Timeout(90)
class ClientKillStressTest {
    private static final int CLIENTS = 16;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int MAX_OPS = 4_000;

    @ParameterizedTest
    @MethodSource("io.ferry.servers.resp.RespServerFixture#backends")
    void shouldKillExactlyTheVictimAndLeaveNothingBehind(BackendKind kind) throws Exception {
        long seed = Long.getLong("ferry.test.seed", System.nanoTime());
        try (RespServerFixture fx = new RespServerFixture(kind)) {
            KnownIds ids = new KnownIds();
            AtomicLong kills = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            long deadline = System.nanoTime() + RUN_NANOS;
            for (int t = 0; t < CLIENTS; t++) {
                Random random = new Random(seed + t);
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        clientLoop(fx.port(), random, ids, kills, deadline);
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), failures, "seed " + seed);
            assertTrue(kills.get() > 0, "no CLIENT KILL found a victim (seed " + seed + ")");
            fx.assertQuiescent();
            try (Client c = new Client(fx.port())) {
                String list = c.bulk("CLIENT", "LIST");
                assertEquals(1, list.lines().count(), "only the lister is left: " + list + " (seed " + seed + ")");
            }
        }
    }

    // A victim that does not read could never finish an orderly close: like Redis, CLIENT KILL drops its queued
    // replies rather than waiting for them to drain.
    @ParameterizedTest
    @MethodSource("io.ferry.servers.resp.RespServerFixture#backends")
    void shouldCloseAVictimThatDoesNotRead(BackendKind kind) throws Exception {
        RespServer server = new RespServer(RespServer.DEFAULT_MAX_BULK).withOutputLimits(0, 0, 0); // no limits
        try (RespServerFixture fx = new RespServerFixture(kind, server)) {
            try (Client victim = new Client(fx.port())) {
                long id = victim.integer("CLIENT", "ID");
                assertTrue(victim.expect("+OK", "SET", "big", "x".repeat(100_000)));
                StringBuilder mget = new StringBuilder("*1001\r\n$4\r\nMGET\r\n");
                for (int i = 0; i < 1000; i++) {
                    mget.append("$3\r\nbig\r\n");
                }
                victim.out.write(mget.toString().getBytes(StandardCharsets.ISO_8859_1)); // 100 MB, never read
                victim.out.flush();
                try (Client killer = new Client(fx.port())) {
                    assertEquals(1, killer.integer("CLIENT", "KILL", "ID", Long.toString(id)));
                }
                assertTrue(fx.awaitConnections(0, TimeUnit.SECONDS.toNanos(10)), "the victim is still open; "
                    + fx.poolStats());
            }
            fx.assertQuiescent();
        }
    }

    // Once CLIENT KILL has answered, the victim executes nothing more, as in Redis, where the killed client is freed
    // before the server reads again. The kill crosses loops, so the victim's next command could race it.
    @ParameterizedTest
    @MethodSource("io.ferry.servers.resp.RespServerFixture#backends")
    void shouldExecuteNothingForTheVictimOnceTheKillIsAnswered(BackendKind kind) throws Exception {
        try (RespServerFixture fx = new RespServerFixture(kind); Client killer = new Client(fx.port())) {
            int executedAfterKill = 0;
            for (int round = 0; round < 200; round++) {
                try (Client victim = new Client(fx.port())) {
                    long id = victim.integer("CLIENT", "ID");
                    assertEquals(1, killer.integer("CLIENT", "KILL", "ID", Long.toString(id)));
                    if (victim.integerOrNull("INCR", "after-kill") != null) {
                        executedAfterKill++;
                    }
                }
            }
            assertEquals(0, executedAfterKill, "commands the victim ran after CLIENT KILL answered");
            assertEquals("$-1", killer.send("GET", "after-kill"));
        }
    }

    /** Ids of clients that said so, live or not: a kill of a gone one must answer 0 and harm nothing. */
    private static final class KnownIds {
        final ConcurrentHashMap<Long, Boolean> all = new ConcurrentHashMap<>();

        long any(Random random) {
            Long[] known = all.keySet().toArray(Long[]::new);
            return known.length == 0 ? 1 : known[random.nextInt(known.length)];
        }
    }

    private static void clientLoop(int port, Random random, KnownIds ids, AtomicLong kills, long deadline)
        throws IOException {
        int ops = 0;
        while (System.nanoTime() < deadline && ops < MAX_OPS) {
            try (Client c = new Client(port)) {
                long id = c.integer("CLIENT", "ID");
                ids.all.put(id, true);
                boolean alive = true;
                while (alive && System.nanoTime() < deadline && ops++ < MAX_OPS) {
                    int move = random.nextInt(10);
                    if (move < 5) {
                        alive = c.expect("+PONG", "PING");
                    } else if (move < 8) {
                        alive = c.expect("+OK", "SET", "k" + id, "v");
                    } else if (move < 9) {
                        long victim = random.nextInt(20) == 0 ? id : ids.any(random);
                        Long n = c.integerOrNull("CLIENT", "KILL", "ID", Long.toString(victim));
                        if (n == null) {
                            alive = false; // killed meanwhile (or by this very command)
                        } else {
                            assertTrue(n == 0 || n == 1, "CLIENT KILL answered " + n);
                            kills.addAndGet(n);
                            alive = victim != id;
                        }
                    } else {
                        break; // vanish without QUIT
                    }
                }
            }
        }
    }

    /** A blocking RESP client; a read that ends (killed) answers false or null instead of throwing. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final BufferedReader in;

        Client(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        }

        private String send(String... args) throws IOException {
            StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
            }
            try {
                out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return in.readLine();
            } catch (java.net.SocketException gone) {
                return null;
            }
        }

        boolean expect(String reply, String... args) throws IOException {
            String line = send(args);
            if (line != null) {
                assertEquals(reply, line);
            }
            return line != null;
        }

        long integer(String... args) throws IOException {
            Long n = integerOrNull(args);
            assertTrue(n != null, "connection closed before " + String.join(" ", args));
            return n;
        }

        Long integerOrNull(String... args) throws IOException {
            String line = send(args);
            if (line == null) {
                return null;
            }
            assertTrue(line.startsWith(":"), "expected an integer, got " + line);
            return Long.parseLong(line.substring(1));
        }

        String bulk(String... args) throws IOException {
            String line = send(args);
            assertTrue(line != null && line.startsWith("$"), "expected a bulk string, got " + line);
            char[] body = new char[Integer.parseInt(line.substring(1))];
            int read = 0;
            while (read < body.length) {
                read += in.read(body, read, body.length - read);
            }
            in.readLine();
            return new String(body);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
