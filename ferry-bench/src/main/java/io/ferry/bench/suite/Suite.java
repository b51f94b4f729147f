package io.ferry.bench.suite;

import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.HiccupMeter;
import io.ferry.bench.harness.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every workload against every server of its kind in one process tree. All servers of a kind
 * run at once (pinned to the same core, idle unless driven) and are driven in turn, round after
 * round: background noise on a shared machine then falls on every contender alike instead of on
 * whichever happened to run during it. Per workload: one unmeasured warm-up run each, then
 * {@code runs} rounds; the median run is kept. Servers are stopped by PID at the end of their kind.
 * A missing tool or a server that fails to start is reported in the table.
 */
public final class Suite {
    private static final double WARM_UP_SECONDS = 3;
    private final List<Workload> workloads;
    private final Map<String, List<Contender>> serversByApp;
    private final int runs;
    private final double seconds;
    private final PrintStream progress;
    private final HiccupMeter serverCore;
    private final HiccupMeter loadCore;

    public Suite(List<Workload> workloads, Map<String, List<Contender>> serversByApp, int runs, double seconds,
                 PrintStream progress) {
        this(workloads, serversByApp, runs, seconds, progress, null, null);
    }

    /**
     * As above, each measured run also recording the longest hiccups the probes on the servers' core and on the
     * load generator's core saw.
     */
    public Suite(List<Workload> workloads, Map<String, List<Contender>> serversByApp, int runs, double seconds,
                 PrintStream progress, HiccupMeter serverCore, HiccupMeter loadCore) {
        this.workloads = workloads;
        this.serversByApp = serversByApp;
        this.runs = runs;
        this.seconds = seconds;
        this.progress = progress;
        this.serverCore = serverCore;
        this.loadCore = loadCore;
    }

    public List<Row> run() {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Contender>> e : serversByApp.entrySet()) {
            List<Workload> mine = workloads.stream().filter(w -> w.app().equals(e.getKey())).toList();
            if (!mine.isEmpty() && !e.getValue().isEmpty()) {
                rows.addAll(runApp(e.getKey(), e.getValue(), mine));
            }
        }
        return rows;
    }

    private List<Row> runApp(String app, List<Contender> contenders, List<Workload> mine) {
        List<Row> rows = new ArrayList<>();
        Map<Contender, ServerProcess> started = new LinkedHashMap<>();
        try {
            for (Contender c : contenders) {
                progress.printf("%s: starting %s%n", app, c.name());
                try {
                    started.put(c, c.start());
                } catch (IOException | RuntimeException e) {
                    mine.forEach(w -> rows.add(failed(w, c, e.getMessage())));
                }
            }
            for (Workload w : mine) {
                rows.addAll(runWorkload(w, started));
            }
        } finally {
            started.values().forEach(ServerProcess::close);
        }
        return rows;
    }

    private List<Row> runWorkload(Workload w, Map<Contender, ServerProcess> servers) {
        List<Row> rows = new ArrayList<>();
        if (w.tool() != null && Tools.find(w.tool()) == null) {
            String pkg = w.tool().equals("wrk") ? "wrk" : "redis-tools";
            servers.keySet().forEach(c -> rows.add(failed(w, c, w.tool() + " is not installed (apt-get install "
                + pkg + ")")));
            return rows;
        }
        Map<Contender, Tally> tallies = new LinkedHashMap<>();
        servers.keySet().forEach(c -> tallies.put(c, new Tally()));
        for (int round = 0; round <= runs; round++) { // round 0 warms up (JIT, pools, connections)
            for (Map.Entry<Contender, ServerProcess> e : servers.entrySet()) {
                runOnce(w, e.getKey(), e.getValue(), tallies.get(e.getKey()), round);
            }
        }
        servers.forEach((c, s) -> rows.add(tallies.get(c).row(w, c, s)));
        return rows;
    }

    private void runOnce(Workload w, Contender c, ServerProcess server, Tally t, int round) {
        InetSocketAddress at = new InetSocketAddress(server.host(), server.port());
        try {
            if (round == 0) {
                warmUp(w, at);
                return;
            }
            double before = server.cpuSeconds();
            double kernelBefore = server.kernelCpuSeconds();
            double queuedBefore = server.runQueueSeconds();
            if (serverCore != null) {
                serverCore.mark();
                loadCore.mark();
            }
            long start = System.nanoTime();
            Measurement m = w.run(at, seconds);
            if (serverCore != null) {
                m = m.withCoreHiccups(serverCore.mark(), loadCore.mark());
            }
            t.cpu += server.cpuSeconds() - before;
            t.kernelCpu += server.kernelCpuSeconds() - kernelBefore;
            t.queued += server.runQueueSeconds() - queuedBefore;
            t.wall += (System.nanoTime() - start) / 1e9;
            t.requests += m.requestsPerSecond() * (System.nanoTime() - start) / 1e9;
            t.results.add(m);
            progress.printf("  %-18s %-22s round %d/%d: %,.0f req/s  p50 %.0f us  p99 %.0f us%n", w.name(), c.name(),
                round, runs, m.requestsPerSecond(), m.p50Micros(), m.p99Micros());
        } catch (IOException | RuntimeException e) {
            progress.printf("  %-18s %-22s round %d failed: %s%n", w.name(), c.name(), round, e.getMessage());
            if (round > 0) { // a later round may still succeed: one stall must not void the rest
                t.error = e.getMessage();
                t.failedRuns++;
            }
        }
    }

    /**
     * Drives the server, unmeasured, for at least {@link #WARM_UP_SECONDS} (JIT, pools, connection
     * set-up): workloads with a fixed request count (redis-benchmark) are repeated until then.
     */
    private void warmUp(Workload w, InetSocketAddress at) throws IOException {
        long until = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
        for (int i = 0; i < 20 && System.nanoTime() - until < 0; i++) {
            w.run(at, Math.min(WARM_UP_SECONDS, seconds));
        }
    }

    private static Row failed(Workload w, Contender c, String why) {
        return new Row(w.name(), c.name(), null, Double.NaN, Double.NaN, why);
    }

    /** What one contender accumulated under one workload. */
    private static final class Tally {
        private final List<Measurement> results = new ArrayList<>();
        private double cpu;
        private double kernelCpu;
        private double requests;
        private double queued;
        private double wall;
        private String error;
        private int failedRuns;

        Row row(Workload w, Contender c, ServerProcess s) {
            if (results.isEmpty()) {
                return new Row(w.name(), c.name(), null, Double.NaN, s.rssBytes() / 1048576.0,
                    error == null ? "no run" : error);
            }
            results.sort(w.order());
            String note = failedRuns == 0 ? null : failedRuns + " run(s) failed: " + error;
            return new Row(w.name(), c.name(), results.get(results.size() / 2), cpu * 1e6 / Math.max(1, requests),
                s.rssBytes() / 1048576.0, note, queued / wall, kernelCpu / cpu);
        }
    }
}
