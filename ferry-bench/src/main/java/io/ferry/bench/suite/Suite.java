package io.ferry.bench.suite;

import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs every workload against every server of its kind, one server at a time, in one process tree:
 * each server starts once per kind, takes all its workloads (an unmeasured warm-up run, then
 * {@code runs} measured ones; the median is kept), then stops by PID. A missing tool or a server
 * that fails to start is reported in the table.
 */
public final class Suite {
    private final List<Workload> workloads;
    private final Map<String, List<Contender>> serversByApp;
    private final int runs;
    private final double seconds;
    private final PrintStream progress;

    public Suite(List<Workload> workloads, Map<String, List<Contender>> serversByApp, int runs, double seconds,
                 PrintStream progress) {
        this.workloads = workloads;
        this.serversByApp = serversByApp;
        this.runs = runs;
        this.seconds = seconds;
        this.progress = progress;
    }

    public List<Row> run() {
        List<Row> rows = new ArrayList<>();
        int total = serversByApp.values().stream().mapToInt(List::size).sum();
        int done = 0;
        for (Map.Entry<String, List<Contender>> e : serversByApp.entrySet()) {
            List<Workload> mine = workloads.stream().filter(w -> w.app().equals(e.getKey())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            for (Contender c : e.getValue()) {
                done++;
                progress.printf("[%d/%d] %s (%s): %s%n", done, total, c.name(), e.getKey(),
                    mine.stream().map(Workload::name).toList());
                rows.addAll(runServer(c, mine));
            }
        }
        return rows;
    }

    private List<Row> runServer(Contender c, List<Workload> mine) {
        List<Row> rows = new ArrayList<>();
        try (ServerProcess server = c.start()) {
            InetSocketAddress at = new InetSocketAddress(server.host(), server.port());
            for (Workload w : mine) {
                rows.add(runWorkload(c, server, at, w));
            }
        } catch (IOException | RuntimeException e) {
            for (Workload w : mine) {
                rows.add(new Row(w.name(), c.name(), null, Double.NaN, Double.NaN, e.getMessage()));
            }
        }
        return rows;
    }

    private Row runWorkload(Contender c, ServerProcess server, InetSocketAddress at, Workload w) {
        if (w.tool() != null && Tools.find(w.tool()) == null) {
            String pkg = w.tool().equals("wrk") ? "wrk" : "redis-tools";
            return new Row(w.name(), c.name(), null, Double.NaN, Double.NaN,
                w.tool() + " is not installed (apt-get install " + pkg + ")");
        }
        List<Measurement> results = new ArrayList<>();
        double cpu = 0;
        double requests = 0;
        try {
            w.run(at, Math.min(3, seconds)); // warm-up (JIT, pools, connection set-up), not counted
            for (int r = 0; r < runs; r++) {
                double before = server.cpuSeconds();
                long start = System.nanoTime();
                Measurement m = w.run(at, seconds);
                double elapsed = (System.nanoTime() - start) / 1e9;
                cpu += server.cpuSeconds() - before;
                requests += m.requestsPerSecond() * elapsed;
                results.add(m);
                progress.printf("    %-18s run %d/%d: %,.0f req/s  p50 %.0f us  p99 %.0f us%n", w.name(), r + 1, runs,
                    m.requestsPerSecond(), m.p50Micros(), m.p99Micros());
            }
        } catch (IOException | RuntimeException e) {
            progress.printf("    %-18s failed: %s%n", w.name(), e.getMessage());
            return new Row(w.name(), c.name(), null, Double.NaN, server.rssBytes() / 1048576.0, e.getMessage());
        }
        results.sort(Comparator.comparingDouble(Measurement::requestsPerSecond));
        return new Row(w.name(), c.name(), results.get(results.size() / 2), cpu * 1e6 / Math.max(1, requests),
            server.rssBytes() / 1048576.0, null);
    }
}
