package io.ferry.bench.evidence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kernel memory of TCP sockets, from the places Linux reports it: {@code ss -tmn} (per socket,
 * {@code skmem:(r..,rb..,t..,tb..,f..,w..,o..,bl..,d..)}), {@code /proc/net/sockstat} (all TCP
 * sockets of the machine together, in pages), and {@code /proc/slabinfo} for the bookkeeping each
 * model keeps per connection outside the socket: io_uring's requests ({@code io_kiocb}, one per armed
 * receive) and epoll's registrations ({@code eventpoll_epi}).
 */
public final class SocketMemory {
    private static final Pattern SKMEM = Pattern.compile("skmem:\\(([^)]*)\\)");
    private static final Pattern SOCKSTAT_TCP_MEM = Pattern.compile("(?m)^TCP:.*\\bmem (\\d+)");
    /** The slab caches of the models' per-connection bookkeeping. */
    static final java.util.List<String> MODEL_SLABS = java.util.List.of("io_kiocb", "eventpoll_epi");

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

    /**
     * Bytes in use in the named slab caches: active objects times object size, summed.
     *
     * @param slabinfo the content of {@code /proc/slabinfo}
     * @param caches   cache names, e.g. {@link #MODEL_SLABS}
     * @return the sum; caches missing from the file count 0
     */
    public static long parseSlabBytes(String slabinfo, java.util.List<String> caches) {
        long sum = 0;
        for (String line : slabinfo.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && caches.contains(f[0]) && f[1].matches("\\d+") && f[3].matches("\\d+")) {
                sum += Long.parseLong(f[1]) * Long.parseLong(f[3]);
            }
        }
        return sum;
    }
}
