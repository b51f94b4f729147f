package io.ferry.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * What one UDP echo server accumulated at one datagram size over the measured rounds of a run: each round's
 * datagrams per second, and the echoes, losses, server CPU seconds and measured seconds summed. Confined to the
 * thread that runs the rounds.
 */
public final class UdpTally {
    private final List<Double> rates = new ArrayList<>();
    private long echoed;
    private long lost;
    private double cpuSeconds;
    private double measuredSeconds;
    private String error;

    /** Adds one measured round: its echoes and losses over {@code seconds} of wall time, and the server's CPU time. */
    public void add(UdpEchoLoad.Result r, double seconds, double serverCpuSeconds) {
        rates.add(r.echoed() / seconds);
        echoed += r.echoed();
        lost += r.lost();
        cpuSeconds += serverCpuSeconds;
        measuredSeconds += seconds;
    }

    /** Records a round that failed; the row says so. */
    public void failed(String why) {
        error = why;
    }

    /**
     * The row for the table.
     *
     * @param server as printed
     * @param size   payload bytes per datagram
     */
    public UdpRow row(String server, int size) {
        if (rates.isEmpty()) {
            return new UdpRow(server, size, Double.NaN, 0, 0, Double.NaN, Double.NaN,
                error == null ? "no run" : error);
        }
        List<Double> sorted = rates.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        return new UdpRow(server, size, median, echoed, lost, cpuSeconds * 1e9 / Math.max(1, echoed),
            cpuSeconds / measuredSeconds, error);
    }
}
