package io.ferry.bench.soak;

import io.ferry.FerryStats;
import io.ferry.backend.BackendKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry soak}: the echo, HTTP and RESP servers in this process under a mixed load from a child
 * JVM ({@link SoakLoad}) for a set time, sampled every few seconds ({@link Sampler}). It fails when a
 * series trends upward after warm-up ({@link Trend} says how that is judged), when any request got a
 * wrong answer or none, when the load did not end cleanly, or when connections or buffers are still held
 * after it.
 * Writes {@code soak-BACKEND-TIMESTAMP.csv} and {@code .png}; the last line printed is the summary.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = {"Long run: echo, HTTP and RESP servers under a mixed load from a second JVM (connection churn, "
        + "pipelined and single requests, slow readers, resets mid-request, large bodies, file requests), every "
        + "answer checked. Samples RSS, heap after GC, descriptors, pool bytes, connections and operations in "
        + "flight; writes them as CSV and a PNG chart.",
        "Fails (exit 1) on any wrong answer, or when a series trends upward after warm-up: the least-squares "
            + "growth over the post-warm-up samples AND the rise from the median of their first third to the "
            + "median of their last third (scaled to the whole span) both exceed the series' tolerance (10%% of "
            + "its mean, or a floor when larger: RSS 64 MiB, heap 8 MiB, 16 descriptors, 4 MiB of pool, "
            + "32 connections, 64 operations; see Series). Also fails when connections or buffers are still held "
            + "10 s after the load ends.",
        "Ends with: soak: MINUTES min, N requests, N wrong, rss A->B MiB, fds A->B"})
public final class SoakCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "10", paramLabel = "N",
        description = "How long the load runs (default: 10).")
    private double minutes;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "B",
        description = "auto, uring, epoll or nio (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--sample-seconds", defaultValue = "10", paramLabel = "S",
        description = "Seconds between samples (default: 10).")
    private double sampleSeconds;

    @Option(names = "--warmup-seconds", paramLabel = "S",
        description = "Samples before this are not judged (default: a fifth of the run).")
    private Double warmupSeconds;

    @Option(names = "--clients", defaultValue = "6", paramLabel = "N",
        description = "Client threads of the load, 1-64 (default: 6).")
    private int clients;

    @Option(names = "--seed", paramLabel = "SEED",
        description = "Seed of the load's moves (default: a new one, printed).")
    private Long seed;

    @Option(names = "--out", defaultValue = "ferry-bench/results", paramLabel = "DIR",
        description = "Directory for soak-BACKEND-TIMESTAMP.csv and .png (default: ${DEFAULT-VALUE}).")
    private Path out;

    private final PrintStream print;

    /** Prints to {@code System.out}. */
    public SoakCommand() {
        this(System.out);
    }

    SoakCommand(PrintStream print) {
        this.print = print;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        double seconds = minutes * 60;
        double warmup = warmupSeconds != null ? warmupSeconds : seconds / 5;
        int judged = (int) Math.floor((seconds - warmup) / sampleSeconds) + 1;
        if (seconds <= 0 || seconds > TimeUnit.DAYS.toSeconds(1) || sampleSeconds < 0.5 || clients < 1 || clients > 64
            || warmup < 0 || judged < Trend.MIN_SAMPLES) {
            System.err.println("soak: need 0 < --minutes <= 1440, --sample-seconds >= 0.5, --clients 1-64, "
                + "and at least " + Trend.MIN_SAMPLES + " samples after the warm-up (this asks for " + judged + ")");
            return 2;
        }
        BackendKind kind;
        try {
            kind = BackendKind.parse(backend);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: --backend: " + e.getMessage());
            return 2;
        }
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        try (SoakServers servers = new SoakServers(kind)) {
            print.printf(Locale.ROOT, "soak: %s backend, echo %d, http %d, resp %d; %s min, a sample every %s s, "
                    + "warm-up %s s, %d clients, seed %d%n", servers.backend(), servers.echo.getPort(),
                servers.http.getPort(), servers.resp.getPort(), number(minutes), number(sampleSeconds),
                number(warmup), clients, s);
            return run(servers, seconds, warmup, s);
        } catch (UnsupportedOperationException e) {
            System.err.println("soak: " + e.getMessage());
            return 2;
        }
    }

    private int run(SoakServers servers, double seconds, double warmup, long s)
        throws IOException, InterruptedException {
        Sampler sampler = new Sampler(servers.ferry);
        List<Sample> samples = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long requests;
        long wrong;
        try (LoadProcess load = LoadProcess.start(servers, seconds, clients, s)) {
            long start = System.nanoTime();
            for (int k = 0; k * sampleSeconds <= seconds && (k == 0 || load.running()); k++) {
                long due = start + (long) (k * sampleSeconds * 1e9);
                TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
                samples.add(sampler.take((System.nanoTime() - start) / 1e9, load.requests()));
            }
            int code = load.await((long) Math.max(0, seconds - (System.nanoTime() - start) / 1e9) + 60);
            if (code != 0) {
                failures.add(code < 0 ? "the load did not finish or report its counts" : "the load exited " + code);
            }
            requests = load.requests();
            wrong = load.wrong();
        }
        if (wrong > 0) {
            failures.add(wrong + " wrong answers of " + (requests + wrong) + " requests");
        }
        if (requests == 0) {
            failures.add("no request was answered right");
        }
        String held = awaitRest(servers);
        if (held != null) {
            failures.add(held + " 10 s after the load ended");
        }
        Map<Series, Trend.Verdict> verdicts = judge(samples, warmup, failures);
        write(servers.backend(), samples, verdicts, warmup);
        failures.forEach(f -> print.println("soak: FAILED: " + f));
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        print.printf(Locale.ROOT, "soak: %s min, %d requests, %d wrong, rss %.0f->%.0f MiB, fds %.0f->%.0f%n",
            number(minutes), requests, wrong, first.value(Series.RSS), last.value(Series.RSS),
            first.value(Series.FDS), last.value(Series.FDS));
        return failures.isEmpty() ? 0 : 1;
    }

    /** Judges every series (when enough samples were taken) and prints each verdict. */
    private Map<Series, Trend.Verdict> judge(List<Sample> samples, double warmup, List<String> failures) {
        Map<Series, Trend.Verdict> verdicts = new EnumMap<>(Series.class);
        double[] t = samples.stream().mapToDouble(Sample::seconds).toArray();
        for (Series series : Series.values()) {
            double[] y = samples.stream().mapToDouble(x -> x.value(series)).toArray();
            try {
                Trend.Verdict v = Trend.judge(t, y, warmup, series.floor());
                verdicts.put(series, v);
                print.println("soak: " + series.column() + " " + (v.rising() ? "RISES" : "flat") + " (" + v.explain()
                    + ")");
                if (v.rising()) {
                    failures.add(series.column() + " trends upward after warm-up: " + v.explain());
                }
            } catch (IllegalArgumentException e) {
                failures.add(series.column() + ": no verdict: " + e.getMessage());
            }
        }
        return verdicts;
    }

    private void write(String label, List<Sample> samples, Map<Series, Trend.Verdict> verdicts, double warmup)
        throws IOException {
        Files.createDirectories(out);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path prefix = out.resolve("soak-" + label + "-" + stamp);
        Path csv = SoakFiles.csv(samples, prefix);
        Path png = SoakFiles.png(samples, verdicts, warmup, "soak " + label + " " + number(minutes) + " min", prefix);
        print.println("soak: written " + csv + ", " + png);
    }

    /**
     * Waits up to 10 s for every connection to close and every buffer to come back, as they must once the
     * load is gone; returns what is still held, or null.
     */
    private static String awaitRest(SoakServers servers) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            FerryStats stats = servers.ferry.stats();
            if (stats.openConnections() == 0 && stats.buffersInUse() == 0) {
                return null;
            }
            if (System.nanoTime() >= until) {
                return stats.openConnections() + " connections open and " + stats.buffersInUse() + " buffers in use";
            }
            Thread.sleep(50); // polling gauges: no event says "the last one closed"
        }
    }

    /** {@code 2} for 2.0, {@code 0.5} for 0.5. */
    private static String number(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
