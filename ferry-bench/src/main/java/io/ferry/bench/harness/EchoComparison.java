package io.ferry.bench.harness;

import io.ferry.bench.load.EchoLoadGenerator;
import io.ferry.bench.load.EchoLoadResult;
import io.ferry.bench.load.EchoLoadSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the same echo load against each contender, one after the other in one run, and reports the
 * median of N runs with latency, server CPU time per message and RSS.
 */
public final class EchoComparison {
    private final EchoLoadSpec spec;
    private final int runs;
    private final PrintStream progress;

    public EchoComparison(EchoLoadSpec spec, int runs, PrintStream progress) {
        this.spec = spec;
        this.runs = runs;
        this.progress = progress;
    }

    /** One contender's outcome: the median run, CPU and memory; or why it could not run. */
    public record Row(String name, String backend, EchoLoadResult median, double cpuMicrosPerMessage, long rssBytes,
                      String error) {
    }

    public List<Row> run(List<Contender> contenders) {
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (Contender c : contenders) {
            i++;
            progress.printf("[%d/%d] %s: starting%n", i, contenders.size(), c.name());
            rows.add(runOne(c));
        }
        return rows;
    }

    private Row runOne(Contender c) {
        try (ServerProcess server = ServerProcess.start(c.command(), 30)) {
            List<EchoLoadResult> results = new ArrayList<>();
            double cpu = 0;
            long messages = 0;
            InetSocketAddress at = new InetSocketAddress(server.host(), server.port());
            for (int r = 0; r < runs; r++) {
                double before = server.cpuSeconds();
                EchoLoadResult res = new EchoLoadGenerator(at, spec).run();
                cpu += server.cpuSeconds() - before;
                messages += res.messages();
                results.add(res);
                progress.printf("    run %d/%d: %s%n", r + 1, runs, res);
            }
            results.sort(Comparator.comparingDouble(EchoLoadResult::messagesPerSecond));
            EchoLoadResult median = results.get(results.size() / 2);
            // CPU covers warm-up too; scale by measured share so the figure is per measured message.
            double share = spec.durationNanos() / (double) (spec.durationNanos() + spec.warmupNanos());
            double perMsg = messages == 0 ? Double.NaN : cpu * share * 1e6 / messages;
            return new Row(c.name(), server.backend(), median, perMsg, server.rssBytes(), null);
        } catch (IOException | RuntimeException e) {
            progress.printf("    %s failed: %s%n", c.name(), e.getMessage());
            return new Row(c.name(), "-", null, Double.NaN, -1, String.valueOf(e.getMessage()));
        }
    }

    /** A Markdown table of the rows, with ratios against the first successful row. */
    public String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
            "Echo: %d connections, %d B messages, %d in flight each, %.0f s measured, median of %d%n%n",
            spec.connections(), spec.messageSize(), spec.depth(), spec.durationNanos() / 1e9, runs));
        sb.append("| server | msg/s | vs first | p50 us | p99 us | p99.9 us | server CPU us/msg | RSS MiB |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        double base = rows.stream().filter(r -> r.median() != null).findFirst()
            .map(r -> r.median().messagesPerSecond()).orElse(Double.NaN);
        for (Row r : rows) {
            if (r.median() == null) {
                sb.append("| ").append(r.name()).append(" | failed: ").append(r.error()).append(" | | | | | | |\n");
                continue;
            }
            EchoLoadResult m = r.median();
            sb.append(String.format("| %s | %,.0f | %.2f | %.0f | %.0f | %.0f | %.2f | %.0f |%n", r.name(),
                m.messagesPerSecond(), m.messagesPerSecond() / base, m.latencyMicros(50), m.latencyMicros(99),
                m.latencyMicros(99.9), r.cpuMicrosPerMessage(), r.rssBytes() / 1048576.0));
        }
        return sb.toString();
    }
}
