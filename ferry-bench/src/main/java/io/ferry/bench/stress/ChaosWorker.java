package io.ferry.bench.stress;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client thread of a chaos run: until its deadline, draws moves from its own seeded random (the run's
 * seed and its index: the same seed replays the same sequence of moves, though not the same thread
 * interleaving) and reports every failure with what it was doing.
 */
final class ChaosWorker implements Runnable {
    private final int index;
    private final long seed;
    private final long deadlineNanos;
    private final ChaosTarget target;
    private final ChaosSettings settings;
    private final StressReport report;
    private final SplittableRandom random;
    private final List<ChaosMove> moves;
    private final int totalWeight;
    private final EchoMoves echo;
    private final HttpMoves http;
    private final RuntimeMoves runtime;
    private final AtomicLong ops;
    private volatile String current = "starting";

    ChaosWorker(int index, long seed, long deadlineNanos, ChaosTarget target, ChaosSettings settings,
                StressReport report, ConnectionGauge live, AtomicLong ops, Set<ChaosMove> moves) {
        this.index = index;
        this.seed = seed;
        this.deadlineNanos = deadlineNanos;
        this.target = target;
        this.settings = settings;
        this.report = report;
        this.ops = ops;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        this.moves = List.copyOf(moves);
        this.totalWeight = moves.stream().mapToInt(ChaosMove::weight).sum();
        this.echo = new EchoMoves(random, live);
        this.http = new HttpMoves(random, live);
        this.runtime = new RuntimeMoves(random, live);
    }

    /** What this worker is doing now (for a hang report). */
    String current() {
        return "worker " + index + ": " + current;
    }

    @Override
    public void run() {
        for (long n = 0; System.nanoTime() < deadlineNanos && !report.tooManyFailures(); n++) {
            ChaosMove move = draw();
            current = "move " + n + " " + move;
            try {
                play(move);
                ops.incrementAndGet();
            } catch (ChaosFailure f) {
                report.failed(f, "worker " + index + " move " + n + " " + move + ", seed " + seed);
            } catch (RuntimeException e) {
                report.failed(ChaosFailure.broken("unexpected " + e, e),
                    "worker " + index + " move " + n + " " + move + ", seed " + seed);
            }
        }
        current = "done";
    }

    private ChaosMove draw() {
        int r = random.nextInt(totalWeight);
        for (ChaosMove m : moves) {
            r -= m.weight();
            if (r < 0) {
                return m;
            }
        }
        throw new AssertionError(r);
    }

    private void play(ChaosMove move) throws ChaosFailure {
        switch (move) {
            case ECHO_HANDLER -> echo.roundTrip(target.echo);
            case ECHO_BLOCKING -> echo.roundTrip(target.blocking);
            case SERVER_CLOSES -> echo.serverCloses(either());
            case SERVER_ABORTS -> echo.serverAborts(either());
            case SERVER_SHUTS_OUTPUT -> echo.serverShutsOutput(either());
            case CLIENT_SHUTS_OUTPUT -> echo.clientShutsOutput(either());
            case CLIENT_RESETS -> echo.clientResets(either());
            case NEVER_READS -> echo.neverReads(either());
            case HTTP_KEEP_ALIVE -> http.keepAlive(target.http);
            case HTTP_ECHO_CLOSE -> http.echoThenClose(target.http);
            case HTTP_RESET_MID_BODY -> http.resetMidBody(target.http);
            case FERRY_CONNECT -> runtime.handlerClient(target.ferry, target.echo);
            case FERRY_SOCKET -> runtime.blockingClient(target.ferry, target.blocking);
            case FAILING_CONNECTS -> runtime.failingConnects(target.ferry);
            case CLOSE_FROM_HANDLER -> runtime.closeFromHandler(settings);
            case CLOSE_FROM_CARRIED_THREAD -> runtime.closeFromCarriedThread(settings);
            default -> throw new AssertionError(move);
        }
    }

    private java.net.InetSocketAddress either() {
        return random.nextBoolean() ? target.echo : target.blocking;
    }
}
