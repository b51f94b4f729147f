package io.ferry.bench.suite;

import io.ferry.bench.rate.RateResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Constant-rate rows as Markdown, one table per workload (one rate of one app). "server busy" is the
 * server's CPU time over the wall time of its runs: a high p99 at a low busy share means requests
 * waited while the server was idle (a stall, not a lack of CPU). "gen lag p99" is how late the
 * generator itself sent requests; when it is high the generator, not the server, was behind.
 */
public final class RateReport {
    private RateReport() {
    }

    public static String markdown(List<Row> rows) {
        Map<String, List<Row>> byWorkload = rows.stream()
            .collect(Collectors.groupingBy(Row::workload, LinkedHashMap::new, Collectors.toList()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Row>> e : byWorkload.entrySet()) {
            sb.append("### ").append(e.getKey()).append("\n\n");
            sb.append("| server | target req/s | achieved req/s | p50 us | p99 us | p99.9 us | max us | server busy "
                + "| server CPU us/req | unfinished | gen lag p99 us |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : e.getValue()) {
                if (r.median() == null || r.median().paced() == null) {
                    sb.append("| ").append(r.server()).append(" | failed: ").append(r.error())
                        .append(" | | | | | | | | | |\n");
                    continue;
                }
                RateResult p = r.median().paced();
                String name = r.error() == null ? r.server() : r.server() + " (" + r.error() + ")";
                double busy = r.cpuMicrosPerRequest() * p.achievedRate() / 1e4;
                sb.append(String.format("| %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %.0f %% | %.2f | %,d "
                        + "| %,.0f |%n", name, p.spec().rate(), p.achievedRate(), p.micros(50), p.micros(99),
                    p.micros(99.9), p.maxMicros(), busy, r.cpuMicrosPerRequest(), p.unfinished(),
                    p.generatorLagP99Micros()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
