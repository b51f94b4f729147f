package io.ferry.bench.suite;

import io.ferry.bench.rate.RateResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Constant-rate rows as Markdown, one table per workload (one rate of one app). "server busy" is the
 * server's CPU time over the wall time of its runs, "server queued" the time its threads were
 * runnable but waiting for a CPU over the same wall time: a high p99 at low busy and low queued
 * means requests waited while the server sat idle (a stall); at low busy and high queued, the
 * machine did not run it. "gen lag p99" is how late the generator sent requests it could have sent
 * and "gen queued" its own wait for a CPU: when those are high the generator, not the server, was
 * behind. "hiccup max" is the longest a probe that only sleeps 1 ms at a time woke late during the run, on the
 * server's core and on the generator's: a latency spike such a hiccup matches was the core's (the machine's,
 * other processes or the hypervisor), not the server's; a spike with no hiccup on either core was a stall.
 */
public final class RateReport {
    private RateReport() {
    }

    /** One Markdown table per workload of {@code rows}, in their order. */
    public static String markdown(List<Row> rows) {
        Map<String, List<Row>> byWorkload = rows.stream()
            .collect(Collectors.groupingBy(Row::workload, LinkedHashMap::new, Collectors.toList()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Row>> e : byWorkload.entrySet()) {
            sb.append("### ").append(e.getKey()).append("\n\n");
            sb.append("| server | target req/s | achieved req/s | p50 us | p99 us | p99.9 us | max us | server busy "
                + "| server queued | server CPU us/req | unfinished | gen lag p99 us | gen queued "
                + "| server core hiccup max us | gen core hiccup max us |\n");
            sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : e.getValue()) {
                if (r.median() == null || r.median().paced() == null) {
                    sb.append("| ").append(r.server()).append(" | failed: ").append(r.error())
                        .append(" | | | | | | | | | | | | | |\n");
                    continue;
                }
                RateResult p = r.median().paced();
                String name = r.error() == null ? r.server() : r.server() + " (" + r.error() + ")";
                double busy = r.cpuMicrosPerRequest() * p.achievedRate() / 1e4;
                sb.append(String.format("| %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %.0f %% | %.0f %% "
                        + "| %.2f | %,d | %,.0f | %.0f %% | %s | %s |%n", name, p.spec().rate(), p.achievedRate(),
                    p.micros(50), p.micros(99), p.micros(99.9), p.maxMicros(), busy, r.runQueueShare() * 100,
                    r.cpuMicrosPerRequest(), p.unfinished(), p.generatorLagP99Micros(),
                    p.generatorRunQueueShare() * 100, hiccup(r.median().serverCoreHiccupMicros()),
                    hiccup(r.median().loadCoreHiccupMicros())));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String hiccup(double micros) {
        return Double.isNaN(micros) ? "-" : String.format("%,.0f", micros);
    }
}
