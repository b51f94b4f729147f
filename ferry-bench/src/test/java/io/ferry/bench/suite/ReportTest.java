package io.ferry.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

// Purpose: the side-by-side table gives each server's CPU per request and the kernel's part of it (what no
// user-space change can remove), with a dash where it is unknown and a row for a server that failed.
class ReportTest {
    @Test
    void shouldShowTheKernelShareOfTheCpuPerRequest() {
        Row ferry = new Row("http-plaintext", "ferry-uring", new Measurement(100_000, 500, 900), 2.0, 80, null, 0.1,
            0.6);
        Row netty = new Row("http-plaintext", "netty-epoll", new Measurement(50_000, 700, 1200), 3.0, 120, null);
        Row failed = new Row("http-plaintext", "nginx", null, Double.NaN, Double.NaN, "wrk is not installed");

        List<String> lines = Report.markdown(List.of(ferry, netty, failed)).lines().toList();

        assertEquals("| ferry-uring | 100,000 | 1.00 | 500 | 900 | 2.00 | 60 % | 80 |", lines.get(4));
        assertEquals("| netty-epoll | 50,000 | 0.50 | 700 | 1200 | 3.00 | - | 120 |", lines.get(5));
        assertEquals("| nginx | failed: wrk is not installed | | | | | | |", lines.get(6));
    }
}
