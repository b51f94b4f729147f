package io.ferry.bench;

import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.Cpus;
import io.ferry.bench.suite.Charts;
import io.ferry.bench.suite.Lineup;
import io.ferry.bench.suite.Report;
import io.ferry.bench.suite.Row;
import io.ferry.bench.suite.Suite;
import io.ferry.bench.suite.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench}: Ferry on each backend side by side with Netty (io_uring, epoll, nio), nginx
 * and redis-server, one server at a time in one run: echo through Ferry's load generator, HTTP
 * through wrk (plain and 16-deep pipelined; over HTTPS the same and a new TLS connection per request,
 * against Ferry with {@code --tls}, Netty with the JDK's TLS and with BoringSSL, and nginx), RESP
 * through redis-benchmark ({@code -P 1} and {@code -P 16}). Servers are pinned to core 0, load
 * generators to core 1; every run is bounded in time and every server stopped by PID. Results: a
 * table printed and written as Markdown, plus PNG charts, in {@code bench-results/}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Side-by-side benchmark: Ferry's backends vs Netty, nginx, redis-server"
        + " (echo, http, https, resp).",
    subcommands = {AllocCommand.class, IdleCommand.class, LoadCommand.class, RateCommand.class, LatencyCommand.class,
        FilesBenchCommand.class, EvidenceCommand.class, UdpBenchCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Short runs: 2 s each, 1 run, fewer redis-benchmark requests.")
    private boolean quick;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per workload and server; the median is kept.")
    private int runs;

    @Option(names = "--seconds", defaultValue = "8", description = "Seconds per echo/wrk run (max 600).")
    private double seconds;

    @Option(names = "--only", split = ",", description = "Servers to run, e.g. ferry-uring,netty-io_uring,nginx.")
    private List<String> only;

    @Option(names = "--workloads", split = ",", description = "Workloads to run, e.g. http-plaintext,resp-get-P16.")
    private List<String> workloadNames;

    @Override
    public Integer call() throws IOException {
        if (seconds <= 0 || seconds > 600 || runs <= 0 || runs > 20) {
            throw new IllegalArgumentException("--seconds must be in (0, 600] and --runs in [1, 20]");
        }
        return runSuite(quick, quick ? 1 : runs, quick ? 2 : seconds, only, workloadNames);
    }

    /** Runs the suite, prints the table and writes Markdown and charts; shared with {@code ferry demo}. */
    static int runSuite(boolean quick, int runs, double seconds, List<String> only, List<String> workloadNames)
        throws IOException {
        boolean pinned = Cpus.pinSelfToLoadCore();
        List<Workload> workloads = Lineup.workloads(quick);
        if (workloadNames != null) {
            workloads = workloads.stream().filter(w -> workloadNames.contains(w.name())).toList();
        }
        Map<String, List<Contender>> servers = Lineup.servers(Cpus.serverCpus(), System.out);
        if (only != null) {
            servers.values().forEach(l -> l.removeIf(c -> !only.contains(c.name())));
        }
        List<Row> rows = new Suite(workloads, servers, runs, seconds, System.out).run();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String header = "# ferry bench " + stamp + (quick ? " (quick)" : "") + "\n\n"
            + (pinned ? "Servers pinned to core 0, load generators to core 1. " : "CPUs not pinned. ")
            + "Median of " + runs + " run(s) of " + seconds + " s (redis-benchmark: fixed request counts).\n\n";
        String table = Report.markdown(rows);
        System.out.println();
        System.out.println(table);
        Path dir = Path.of("bench-results");
        Files.createDirectories(dir);
        Path file = dir.resolve("bench-" + stamp + ".md");
        Files.writeString(file, header + table);
        List<Path> charts = Charts.write(rows, dir.resolve("bench-" + stamp));
        System.out.println("written: " + file + ", " + charts);
        return rows.stream().allMatch(r -> r.median() != null) ? 0 : 1;
    }
}
