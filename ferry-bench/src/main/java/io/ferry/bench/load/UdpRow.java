package io.ferry.bench.load;

import java.util.List;
import java.util.Locale;

/**
 * One server at one datagram size in {@code ferry bench udp}.
 *
 * @param server             as printed (e.g. {@code ferry-uring}, {@code netty-epoll})
 * @param size               payload bytes per datagram
 * @param perSecond          median over the measured rounds of datagrams echoed per second; NaN if none ran
 * @param echoed             datagrams echoed over all measured rounds
 * @param lost               datagrams lost over all measured rounds
 * @param cpuNanosPerDatagram the server process's CPU time (user + system) per datagram echoed
 * @param busy               the server process's CPU time over the measured wall time (1.0: one core's worth);
 *                           well under 1 means the load generator, not the server, set the rate
 * @param note               why a round failed or the server did not run, or null
 */
public record UdpRow(String server, int size, double perSecond, long echoed, long lost, double cpuNanosPerDatagram,
                     double busy, String note) {
    /**
     * A Markdown table of {@code rows}, with each row's rate and CPU per datagram as a ratio to the
     * {@code baseline} server's at the same size (blank where the baseline did not run).
     */
    public static String markdown(List<UdpRow> rows, String baseline) {
        StringBuilder b = new StringBuilder();
        b.append("| server | size | datagrams/s (median) | vs ").append(baseline).append(" | echoed | lost "
            + "| server CPU ns/datagram | vs ").append(baseline).append(" | server busy | note |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (UdpRow r : rows) {
            UdpRow base = rows.stream().filter(o -> o.server.equals(baseline) && o.size == r.size).findFirst()
                .orElse(null);
            b.append(String.format(Locale.ROOT, "| %s | %,d B | %s | %s | %,d | %,d | %s | %s | %s | %s |%n", r.server,
                r.size, number(r.perSecond), ratio(r.perSecond, base == null ? Double.NaN : base.perSecond), r.echoed,
                r.lost, number(r.cpuNanosPerDatagram),
                ratio(r.cpuNanosPerDatagram, base == null ? Double.NaN : base.cpuNanosPerDatagram),
                Double.isNaN(r.busy) ? "" : String.format(Locale.ROOT, "%.0f %%", r.busy * 100),
                r.note == null ? "" : r.note.replace('|', '/')));
        }
        return b.toString();
    }

    /** This row with {@code why} as its note. */
    public UdpRow withNote(String why) {
        return new UdpRow(server, size, perSecond, echoed, lost, cpuNanosPerDatagram, busy, why);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String ratio(double v, double base) {
        return Double.isNaN(v) || Double.isNaN(base) || base == 0 ? "" : String.format(Locale.ROOT, "%.2f", v / base);
    }
}
