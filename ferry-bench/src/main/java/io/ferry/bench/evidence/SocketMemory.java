package io.ferry.bench.evidence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kernel memory of TCP sockets, from the two places Linux reports it: {@code ss -tmn} (per socket,
 * {@code skmem:(r..,rb..,t..,tb..,f..,w..,o..,bl..,d..)}) and {@code /proc/net/sockstat} (all TCP
 * sockets of the machine together, in pages).
 */
public final class SocketMemory {
    private static final Pattern SKMEM = Pattern.compile("skmem:\\(([^)]*)\\)");
    private static final Pattern SOCKSTAT_TCP_MEM = Pattern.compile("(?m)^TCP:.*\\bmem (\\d+)");

    private SocketMemory() {
    }

    /**
     * The sum over all sockets in {@code ss -tmn} output.
     *
     * @param sockets     sockets seen
     * @param receiveQueue bytes in receive queues ({@code r}, rmem_alloc): data the application has not read
     * @param charged     bytes charged to the sockets: {@code r + w + f + o} (receive queue, send queue,
     *                    forward-allocated reserve, option memory)
     */
    public record Sum(int sockets, long receiveQueue, long charged) {
    }

    /**
     * Sums the {@code skmem} fields of every socket in {@code ss -tmn} output.
     *
     * @param ssOutput what {@code ss -tmn} printed
     * @return the totals
     */
    public static Sum parseSs(String ssOutput) {
        Matcher m = SKMEM.matcher(ssOutput);
        int sockets = 0;
        long r = 0;
        long charged = 0;
        while (m.find()) {
            sockets++;
            for (String field : m.group(1).split(",")) {
                String key = field.replaceAll("\\d+$", "");
                long value = Long.parseLong(field.substring(key.length()));
                switch (key) {
                    case "r" -> {
                        r += value;
                        charged += value;
                    }
                    case "w", "f", "o" -> charged += value;
                    default -> { } // rb, tb are limits; t overlaps w; bl, d are not memory
                }
            }
        }
        return new Sum(sockets, r, charged);
    }

    /**
     * Reads the TCP {@code mem} figure (pages) of {@code /proc/net/sockstat} content.
     *
     * @param sockstat the file's content
     * @return pages all TCP sockets of the machine hold, or -1 when the line is missing
     */
    public static long parseSockstatPages(String sockstat) {
        Matcher m = SOCKSTAT_TCP_MEM.matcher(sockstat);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
