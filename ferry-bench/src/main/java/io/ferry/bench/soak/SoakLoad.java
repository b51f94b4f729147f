package io.ferry.bench.soak;

import io.ferry.bench.stress.ChaosFailure;
import io.ferry.bench.stress.ClientSocket;
import io.ferry.bench.stress.ConnectionGauge;
import io.ferry.bench.stress.HttpMoves;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's load, in its own JVM (the child {@link SoakCommand} starts): client threads that draw
 * {@link SoakMove}s against the echo, HTTP and RESP servers on loopback until the deadline (and at most
 * {@value #MAX_MOVES} moves each), checking every answer. It prints {@code progress REQUESTS WRONG}
 * every second and {@code done REQUESTS WRONG} at the end on stdout; what was wrong goes to stderr
 * (the first {@value #REPORTED} in full). A move that fails counts one wrong request.
 *
 * <p>Arguments: {@code ECHO_PORT HTTP_PORT RESP_PORT FILES_DIR SECONDS CLIENTS SEED}.
 */
public final class SoakLoad {
    private static final long MAX_MOVES = 10_000_000;
    private static final int REPORTED = 20;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong wrong = new AtomicLong();

    private SoakLoad() {
    }

    /** Runs the load; exits 0 once every client thread ended, 3 when one is stuck past the deadline. */
    public static void main(String[] args) throws InterruptedException {
        InetSocketAddress echo = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        InetSocketAddress http = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]));
        InetSocketAddress resp = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2]));
        Path files = Path.of(args[3]);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos((long) (Double.parseDouble(args[4]) * 1000));
        int clients = Integer.parseInt(args[5]);
        long seed = Long.parseLong(args[6]);
        SoakLoad load = new SoakLoad();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
            ConnectionGauge live = new ConnectionGauge();
            Client c = new Client(client, random, new EchoSoakMoves(random, live, echo),
                new HttpMoves(random, live), new HttpSoakMoves(random, live, http, files), http,
                new RespSoakMoves(random, live, resp, client));
            threads.add(Thread.ofPlatform().daemon().name("soak-client-" + i).start(() -> load.run(c, deadline)));
        }
        long giveUp = deadline + TimeUnit.MILLISECONDS.toNanos(2L * ClientSocket.ANSWER_TIMEOUT_MILLIS);
        for (Thread t : threads) {
            while (t.isAlive() && System.nanoTime() < giveUp) {
                t.join(1000);
                System.out.println("progress " + load.requests.get() + " " + load.wrong.get());
            }
        }
        System.out.println("done " + load.requests.get() + " " + load.wrong.get());
        boolean stuck = threads.stream().anyMatch(Thread::isAlive);
        if (stuck) {
            System.err.println("soak-load: client threads still busy " + (giveUp - deadline) / 1_000_000 + " ms"
                + " after the deadline");
        }
        System.out.flush();
        System.exit(stuck ? 3 : 0);
    }

    private void run(Client c, long deadline) {
        for (long n = 0; n < MAX_MOVES && System.nanoTime() < deadline; n++) {
            SoakMove move = SoakMove.draw(c.random);
            try {
                requests.addAndGet(c.play(move));
            } catch (ChaosFailure | RuntimeException e) {
                if (wrong.incrementAndGet() <= REPORTED) {
                    System.err.println("soak-load: wrong answer: client " + c.index + " move " + n + " " + move
                        + ": " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
                }
            }
        }
    }

    /** One client thread's moves. */
    private record Client(int index, SplittableRandom random, EchoSoakMoves echo, HttpMoves http,
                          HttpSoakMoves httpMore, InetSocketAddress httpServer, RespSoakMoves resp) {
        int play(SoakMove move) throws ChaosFailure {
            return switch (move) {
                case ECHO_CHURN -> echo.churn();
                case ECHO_PIPELINED -> echo.pipelined();
                case ECHO_LARGE_SLOW_READER -> echo.large();
                case ECHO_RESET -> echo.resetMidRequest();
                case HTTP_KEEP_ALIVE -> http.keepAlive(httpServer);
                case HTTP_PIPELINED -> httpMore.pipelined();
                case HTTP_ECHO_CLOSE -> {
                    http.echoThenClose(httpServer);
                    yield 1;
                }
                case HTTP_LARGE_BODY -> httpMore.largeBody();
                case HTTP_FILE -> httpMore.file();
                case HTTP_FILE_SLOW_READER -> httpMore.slowFile();
                case HTTP_RESET_MID_BODY -> {
                    http.resetMidBody(httpServer);
                    yield 0;
                }
                case RESP_SET_GET -> resp.setGet();
                case RESP_PIPELINED -> resp.pipelined();
                case RESP_LARGE_SLOW_READER -> resp.large();
                case RESP_RESET -> resp.resetMidCommand();
            };
        }
    }
}
