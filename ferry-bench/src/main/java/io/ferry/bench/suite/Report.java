package io.ferry.bench.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The suite's rows as Markdown: one table per workload, ratios against the first Ferry server. */
public final class Report {
    private Report() {
    }

    public static String markdown(List<Row> rows) {
        Map<String, List<Row>> byWorkload = rows.stream()
            .collect(Collectors.groupingBy(Row::workload, LinkedHashMap::new, Collectors.toList()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Row>> e : byWorkload.entrySet()) {
            double base = e.getValue().stream().filter(r -> r.median() != null && r.server().startsWith("ferry"))
                .findFirst().map(r -> r.median().requestsPerSecond()).orElse(Double.NaN);
            sb.append("### ").append(e.getKey()).append("\n\n");
            if (e.getKey().contains("pipelined")) {
                sb.append("(wrk measures latency per pipelined batch, and often prints 0 for its p99 there.)\n\n");
            }
            sb.append("| server | req/s | vs first ferry | p50 us | p99 us | server CPU us/req | of it in kernel "
                + "| RSS MiB |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : e.getValue()) {
                if (r.median() == null) {
                    sb.append("| ").append(r.server()).append(" | failed: ").append(r.error())
                        .append(" | | | | | | |\n");
                    continue;
                }
                Measurement m = r.median();
                String name = r.error() == null ? r.server() : r.server() + " (" + r.error() + ")";
                sb.append(String.format("| %s | %,.0f | %.2f | %.0f | %.0f | %.2f | %s | %.0f |%n", name,
                    m.requestsPerSecond(), m.requestsPerSecond() / base, m.p50Micros(), m.p99Micros(),
                    r.cpuMicrosPerRequest(), Double.isNaN(r.kernelCpuShare()) ? "-"
                        : String.format("%.0f %%", r.kernelCpuShare() * 100), r.rssMiB()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
