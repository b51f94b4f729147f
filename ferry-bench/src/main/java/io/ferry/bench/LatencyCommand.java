package io.ferry.bench;

import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.Cpus;
import io.ferry.bench.harness.HiccupMeter;
import io.ferry.bench.harness.SchedStat;
import io.ferry.bench.suite.Lineup;
import io.ferry.bench.suite.RateReport;
import io.ferry.bench.suite.RateWorkload;
import io.ferry.bench.suite.Row;
import io.ferry.bench.suite.Suite;
import io.ferry.bench.suite.Tools;
import io.ferry.bench.suite.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench latency}: every server side by side at a few fixed request rates below
 * saturation, through the constant-rate generator (latency from intended send times), one table per
 * rate. The rates are given ({@code --rates}), or fractions of a saturation rate that is given
 * ({@code --saturation}) or measured first with the closed-loop workload (wrk {@code -c64} for http,
 * the echo generator for echo) on a reference server: nginx for http when it is installed, as issue 17
 * asks, else the first server. Servers run as in {@code ferry bench}: pinned to core 0, all of a kind
 * at once, driven in turn round after round, the median round (by p99) kept.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
    description = "Every server at fixed request rates below saturation; p50/p99/p99.9/max from intended send times.")
public final class LatencyCommand implements Callable<Integer> {
    @Option(names = "--apps", split = ",", defaultValue = "http,echo", description = "http, echo or both (default: "
        + "${DEFAULT-VALUE}).")
    private List<String> apps;

    @Option(names = "--rates", split = ",", description = "Fixed rates in req/s, for every app (instead of fractions).")
    private List<Double> rates;

    @Option(names = "--saturation", description = "Saturation rate in req/s for the fractions (default: measured).")
    private Double saturation;

    @Option(names = "--fractions", split = ",", defaultValue = "25,50,75", description = "Percent of saturation "
        + "(default: ${DEFAULT-VALUE}).")
    private List<Double> fractions;

    @Option(names = "--reference", description = "Server whose measured saturation sets the rates (default: nginx for "
        + "http when installed, else the first server).")
    private String reference;

    @Option(names = "--only", split = ",", description = "Servers to run, e.g. ferry-uring,ferry-epoll,netty-epoll.")
    private List<String> only;

    @Option(names = "--runs", defaultValue = "3", description = "Rounds per rate; the median p99 is kept (default: 3).")
    private int runs;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per run, max 600 (default: 5).")
    private double seconds;

    @Option(names = "--connections", defaultValue = "64", description = "Connections (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--spin", description = "Spin on waits under 1 ms instead of parking: exact send times, but only "
        + "for a load core of its own (see NioWire).")
    private boolean spin;

    @Override
    public Integer call() throws IOException {
        if (seconds <= 0 || seconds > 600 || runs <= 0 || runs > 20) {
            throw new IllegalArgumentException("--seconds must be in (0, 600] and --runs in [1, 20]");
        }
        boolean pinned = Cpus.pinSelfToLoadCore();
        Map<String, List<Contender>> servers = new LinkedHashMap<>(Lineup.servers(Cpus.serverCpus(), System.out));
        servers.keySet().retainAll(apps);
        StringBuilder header = new StringBuilder();
        List<Workload> workloads = new ArrayList<>();
        for (Map.Entry<String, List<Contender>> e : servers.entrySet()) {
            String app = e.getKey();
            List<Contender> all = e.getValue();
            List<Double> appRates = rates != null ? rates : fractionsOf(app, all, header);
            for (int i = 0; i < appRates.size(); i++) {
                String label = rates != null ? "" : String.format(" (%.0f %%)", fractions.get(i));
                workloads.add(new RateWorkload(String.format("%s at %,.0f req/s%s", app, appRates.get(i), label), app,
                    appRates.get(i), connections, spin));
            }
            if (only != null) {
                all.removeIf(c -> !only.contains(c.name()));
            }
        }
        long pressure = SchedStat.cpuPressureMicros();
        long began = System.nanoTime();
        List<Row> rows;
        try (HiccupMeter serverCore = HiccupMeter.start(Cpus.serverCpus());
             HiccupMeter loadCore = HiccupMeter.start(Cpus.loadCpus())) {
            rows = new Suite(workloads, servers, runs, seconds, System.out, serverCore, loadCore).run();
        }
        long pressureAfter = SchedStat.cpuPressureMicros();
        if (pressure >= 0 && pressureAfter >= 0) {
            double share = (pressureAfter - pressure) * 1e3 / (System.nanoTime() - began);
            header.append(String.format("Machine CPU pressure over the rate runs (PSI \"some\": a runnable task waited "
                + "for a CPU): %.0f %% of the time.%n%n", share * 100));
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        header.insert(0, "# ferry bench latency " + stamp + "\n\n"
            + (pinned ? "Servers pinned to core 0, the generator to core 1. " : "CPUs not pinned. ")
            + String.format("%d connections, one request in flight each; median (by p99) of %d run(s) of %s s; "
                + "latency from each request's intended send time; generator %s on short waits.%n%n", connections, runs,
                seconds, spin ? "spins" : "parks"));
        String table = RateReport.markdown(rows);
        System.out.println();
        System.out.print(header);
        System.out.println(table);
        Path dir = Path.of("bench-results");
        Files.createDirectories(dir);
        Path file = dir.resolve("latency-" + stamp + ".md");
        Files.writeString(file, header + table);
        System.out.println("written: " + file);
        return rows.stream().allMatch(r -> r.median() != null) ? 0 : 1;
    }

    /** The rates for {@code app}: the fractions of the given saturation, or of one measured on the reference. */
    private List<Double> fractionsOf(String app, List<Contender> all, StringBuilder header) {
        double sat = saturation != null ? saturation : measureSaturation(app, all, header);
        return fractions.stream().map(f -> Math.max(1, Math.round(sat * f / 100))).map(Long::doubleValue).toList();
    }

    private double measureSaturation(String app, List<Contender> all, StringBuilder header) {
        String name = reference != null ? reference
            : app.equals("http") && all.stream().anyMatch(c -> c.name().equals("nginx")) ? "nginx"
            : all.getFirst().name();
        Contender ref = all.stream().filter(c -> c.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no server named " + name + " for " + app));
        Workload closed = Lineup.workloads(false).stream()
            .filter(w -> w.name().equals(app.equals("http") ? "http-plaintext" : "echo-64B")).findFirst().orElseThrow();
        if (closed.tool() != null && Tools.find(closed.tool()) == null) {
            throw new IllegalStateException(closed.tool() + " is not installed: give --saturation or --rates");
        }
        System.out.printf("%s: measuring saturation on %s with %s%n", app, name, closed.name());
        Row row = new Suite(List.of(closed), Map.of(app, List.of(ref)), 1, seconds, System.out).run().getFirst();
        if (row.median() == null) {
            throw new IllegalStateException("could not measure saturation on " + name + ": " + row.error());
        }
        double sat = row.median().requestsPerSecond();
        header.append(String.format("%s: saturation %,.0f req/s, measured on %s with %s (closed loop, %s s).%n%n", app,
            sat, name, closed.name(), seconds));
        return sat;
    }
}
