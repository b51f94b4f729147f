package io.ferry.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

// Purpose: ferry bench udp keeps the median round's rate, sums echoes, losses and server CPU over the rounds (CPU
// per datagram is the sum over the sum), and prints each row's rate and CPU as ratios to the baseline server's at
// the same size; a server that never ran gets a row with its reason and no figures.
class UdpTableTest {
    @Test
    void shouldKeepTheMedianRateAndSumCpuOverEchoes() {
        UdpTally t = new UdpTally();
        t.add(new UdpEchoLoad.Result(500_000, 1), 5, 1.0);
        t.add(new UdpEchoLoad.Result(100_000, 0), 5, 0.5);
        t.add(new UdpEchoLoad.Result(400_000, 2), 5, 1.5);

        UdpRow r = t.row("ferry-uring", 64);

        assertEquals(80_000, r.perSecond());
        assertEquals(1_000_000, r.echoed());
        assertEquals(3, r.lost());
        assertEquals(3_000, r.cpuNanosPerDatagram(), 1e-9); // 3 s over a million datagrams
        assertEquals(0.2, r.busy(), 1e-9); // 3 s of CPU in 15 s
        assertEquals(null, r.note());
    }

    @Test
    void shouldPrintRatiosToTheBaselineAtTheSameSize() {
        UdpRow netty64 = new UdpRow("netty-epoll", 64, 100_000, 1_500_000, 0, 4_000, 0.4, null);
        UdpRow ferry64 = new UdpRow("ferry-uring", 64, 120_000, 1_800_000, 2, 3_000, 0.36, null);
        UdpRow ferry1200 = new UdpRow("ferry-uring", 1_200, 50_000, 750_000, 0, 5_000, 0.25, null);
        UdpRow down = new UdpTally().row("netty-io_uring", 64).withNote("did not start (a | b)");

        List<String> lines = UdpRow.markdown(List.of(netty64, ferry64, ferry1200, down), "netty-epoll").lines()
            .toList();

        assertEquals("| netty-epoll | 64 B | 100,000 | 1.00 | 1,500,000 | 0 | 4,000 | 1.00 | 40 % |  |", lines.get(2));
        assertEquals("| ferry-uring | 64 B | 120,000 | 1.20 | 1,800,000 | 2 | 3,000 | 0.75 | 36 % |  |", lines.get(3));
        assertEquals("| ferry-uring | 1,200 B | 50,000 |  | 750,000 | 0 | 5,000 |  | 25 % |  |", lines.get(4));
        assertEquals("| netty-io_uring | 64 B |  |  | 0 | 0 |  |  |  | did not start (a / b) |", lines.get(5));
    }
}
