package io.ferry.bench.stress;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.BufferPool;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One seeded chaos run against one backend: clients play random hostile moves for a while, then the
 * runtime must come back to rest (no connection, operation, buffer or handler thread left) and give
 * back every descriptor it opened. While it runs, open descriptors must stay within a small multiple
 * of the live connections: a reset that is not noticed shows up here long before any timeout.
 */
public final class StressRun {
    /** Descriptors each live client connection may account for: its own end, the server's, one in closing. */
    private static final int FDS_PER_CONNECTION = 3;
    /** Descriptors for what else comes and goes: second Ferry instances, connects in progress, JDK internals. */
    private static final int FD_SLACK = 64;
    private static final long SAMPLE_MILLIS = 100;
    /** A bound broken for this long (not a passing spike of closes in flight) is a leak. */
    private static final long FD_BREACH_MILLIS = 2_000;
    private static final Duration REST_WITHIN = Duration.ofSeconds(15);
    private final BackendKind kind;
    private final long seed;
    private final Duration duration;
    private final int workers;
    private final Duration progressEvery;
    private final PrintStream out;
    private final Set<ChaosMove> moves;

    /**
     * @param progressEvery how often to print a progress line to {@code out}
     * @param moves         the moves clients draw from (all of {@link ChaosMove} for the full suite)
     */
    public StressRun(BackendKind kind, long seed, Duration duration, int workers, Duration progressEvery,
                     PrintStream out, Set<ChaosMove> moves) {
        if (moves.isEmpty()) {
            throw new IllegalArgumentException("no chaos moves to play");
        }
        this.moves = EnumSet.copyOf(moves);
        this.kind = kind;
        this.seed = seed;
        this.duration = duration;
        this.workers = workers;
        this.progressEvery = progressEvery;
        this.out = out;
    }

    /** Runs to the end and returns the verdict; prints progress and the summary line on the way. */
    public Result run() throws IOException, InterruptedException {
        String label = kind.name().toLowerCase(Locale.ROOT);
        StressReport report = new StressReport(label, seed);
        ChaosSettings settings = ChaosSettings.draw(kind, seed);
        out.println("stress[" + label + "] " + settings + ", " + workers + " clients, " + duration.toSeconds()
            + " s, seed " + seed);
        long leaksBefore = BufferPool.leaksReported();
        DescriptorCount.settleJdk();
        int fdsBefore = DescriptorCount.now();
        Set<String> openBefore = DescriptorCount.list();
        ChaosTarget target = new ChaosTarget(settings);
        ConnectionGauge live = new ConnectionGauge();
        AtomicLong ops = new AtomicLong();
        long start = System.nanoTime();
        List<ChaosWorker> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            ChaosWorker w = new ChaosWorker(i, seed, start + duration.toNanos(), target, settings, report, live, ops,
                moves);
            clients.add(w);
            threads.add(Thread.ofPlatform().name("chaos-client-" + i).daemon().start(w));
        }
        watch(threads, target, report, live, ops, start, label);
        for (int i = 0; i < threads.size(); i++) {
            threads.get(i).join(ClientSocket.ANSWER_TIMEOUT_MILLIS * 4L);
            if (threads.get(i).isAlive()) {
                report.hung(clients.get(i).current() + " still running " + ClientSocket.ANSWER_TIMEOUT_MILLIS * 4 / 1000
                    + " s after the end: " + stack(threads.get(i)));
            }
        }
        long connections = live.total();
        target.stopAccepting();
        target.awaitRest(REST_WITHIN).forEach(report::leaked);
        target.handlerErrors().forEach(e -> report.leaked("an error escaped a handler: " + e));
        closeWithin(target, report);
        awaitDescriptors(fdsBefore, openBefore, report);
        long leaked = BufferPool.leaksReported() - leaksBefore;
        if (leaked > 0) {
            report.leaked(leaked + " buffers garbage-collected without release (leak detector)");
        }
        report.counted(ops.get(), connections);
        report.print(out);
        return new Result(report.passed(), report.summary(), report.problems());
    }

    private void watch(List<Thread> threads, ChaosTarget target, StressReport report, ConnectionGauge live,
                       AtomicLong ops, long start, String label) throws InterruptedException {
        int fdsAtStart = DescriptorCount.now();
        long lastProgress = start;
        long breachSince = 0;
        int peak = 0;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(SAMPLE_MILLIS);
            int fds = DescriptorCount.now();
            int alive = live.live();
            peak = Math.max(peak, fds);
            int bound = fdsAtStart + FDS_PER_CONNECTION * alive + FD_SLACK;
            long now = System.nanoTime();
            if (fds >= 0 && fds > bound) {
                breachSince = breachSince == 0 ? now : breachSince;
                if (now - breachSince > TimeUnit.MILLISECONDS.toNanos(FD_BREACH_MILLIS)) {
                    report.leaked(fds + " descriptors open with " + alive + " live client connections (bound " + bound
                        + ") for over " + FD_BREACH_MILLIS + " ms, server side holds " + target.openConnections());
                    breachSince = now;
                }
            } else {
                breachSince = 0;
            }
            if (now - lastProgress >= progressEvery.toNanos()) {
                lastProgress = now;
                out.println("stress[" + label + "] " + TimeUnit.NANOSECONDS.toSeconds(now - start) + " s: "
                    + ops.get() + " ops, " + alive + " live connections, " + fds + " descriptors (peak " + peak
                    + "), " + report.problems().size() + " problems");
            }
        }
    }

    private static void closeWithin(ChaosTarget target, StressReport report) throws InterruptedException {
        CompletableFuture<Void> closed = CompletableFuture.runAsync(target::close,
            r -> Thread.ofPlatform().name("chaos-close").daemon().start(r));
        try {
            closed.get(REST_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            report.hung("Ferry.close() did not return within " + REST_WITHIN.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            report.leaked("Ferry.close() failed: " + e.getCause());
        }
    }

    private static void awaitDescriptors(int before, Set<String> openBefore, StressReport report)
        throws InterruptedException {
        if (before < 0) {
            return;
        }
        long deadline = System.nanoTime() + REST_WITHIN.toNanos();
        int now = DescriptorCount.now();
        while (now > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = DescriptorCount.now();
        }
        if (now > before) {
            Set<String> added = new java.util.TreeSet<>(DescriptorCount.list());
            added.removeAll(openBefore);
            report.leaked((now - before) + " descriptors still open after Ferry.close() (" + now + " open, " + before
                + " before the run; new: " + added + ")");
        }
    }

    private static String stack(Thread t) {
        StringBuilder s = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            s.append("\n    at ").append(e);
        }
        return s.toString();
    }

    /**
     * The verdict of a run.
     *
     * @param passed   no hang, no broken contract, no leak
     * @param summary  the one-line summary ({@code stress: N ops, ...})
     * @param problems each problem on one line (empty when passed)
     */
    public record Result(boolean passed, String summary, List<String> problems) {
    }
}
