package io.ferry.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.bench.rate.RateResult;
import io.ferry.bench.rate.RateSpec;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

// Purpose: the latency table shows a paced run's figures in microseconds, the server's busy and run-queue shares
// (CPU time and time waiting for a CPU, over wall time: together they tell a stall from a starved server) and the
// generator's, and the longest hiccups of the server's and the generator's cores (dashes when no probe ran); failed
// servers get a row too.
class RateReportTest {
    @Test
    void shouldPrintOneTablePerRateWithBusyShare() {
        Histogram latency = new Histogram(3_600_000_000_000L, 3);
        for (int i = 1; i <= 1000; i++) {
            latency.recordValue(i * 1000L); // 1 us .. 1 ms
        }
        Histogram lag = new Histogram(3_600_000_000_000L, 3);
        lag.recordValue(2_000);
        RateSpec spec = new RateSpec(64, 10_000, 0, 5_000_000_000L, 0);
        RateResult paced = new RateResult(spec, latency, lag, 40_000, 3, 0.05); // 8,000 req/s answered in 5 s
        // 20 us of server CPU per request at 8,000 req/s: 16 % busy
        Measurement probed = Measurement.of(paced).withCoreHiccups(1_234_567, 5_000);
        Row ok = new Row("http at 10,000 req/s (25 %)", "ferry-uring", probed, 20.0, 50, null, 0.3);
        Row unprobed = new Row("http at 10,000 req/s (25 %)", "nginx", Measurement.of(paced), 20.0, 50, null, 0.3);
        Row failed = new Row("http at 10,000 req/s (25 %)", "netty-epoll", null, Double.NaN, Double.NaN, "no run");

        String md = RateReport.markdown(List.of(ok, unprobed, failed));

        List<String> lines = md.lines().toList();
        assertEquals("### http at 10,000 req/s (25 %)", lines.getFirst());
        assertEquals("| ferry-uring | 10,000 | 8,000 | 500 | 990 | 999 | 1,000 | 16 % | 30 % | 20.00 | 3 | 2 | 5 % "
            + "| 1,235 | 5 |", lines.get(4), md);
        assertTrue(lines.get(5).endsWith("| 5 % | - | - |"), md);
        assertTrue(lines.get(6).startsWith("| netty-epoll | failed: no run |"), md);
    }
}
