package io.ferry.bench.evidence;

import io.ferry.FerryStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Claim 6: how much work one wake-up finds and how many kernel entries one request costs, per
 * variant, from Ferry's own counters: an in-process echo server with one loop, driven by a
 * closed-loop generator at each connection count, with one message in flight per connection
 * (plain) and {@link #PIPELINED} (pipelined). A request is one {@link EchoTarget#MESSAGE}-byte echo;
 * requests are counted by the server (bytes in over message size), so warm-up traffic counts too.
 */
final class BatchingEvidence {
    static final int PIPELINED = 16;

    /**
     * One cell.
     *
     * @param variant          its name
     * @param connections      connections driving it
     * @param depth            messages in flight per connection
     * @param requests         echoes the server answered in the window
     * @param requestsPerSecond the same over the window's length
     * @param entriesPerRequest kernel entries (io_uring_enter / epoll_wait / select) per request
     * @param eventsPerWakeup   completions or readiness events per wake-up
     * @param wakeupsPerRequest wake-ups per request
     */
    record Row(String variant, int connections, int depth, long requests, double requestsPerSecond,
               double entriesPerRequest, double eventsPerWakeup, double wakeupsPerRequest) {
    }

    private BatchingEvidence() {
    }

    static List<Row> run(List<Variant> variants, List<Integer> connectionCounts, double seconds,
                         Consumer<String> progress) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (Variant v : variants) {
            try (EchoTarget target = EchoTarget.start(v)) {
                target.load(1, 1, Math.min(seconds, 0.5)); // JIT and pools warm before the first cell
                for (int depth : List.of(1, PIPELINED)) {
                    for (int n : connectionCounts) {
                        progress.accept("batching: " + v.name() + ", " + n + " connections, depth " + depth);
                        FerryStats before = target.stats();
                        long t0 = System.nanoTime();
                        target.load(n, depth, seconds);
                        rows.add(row(v.name(), n, depth, before, target.stats(), System.nanoTime() - t0));
                    }
                }
            }
        }
        return rows;
    }

    static Row row(String variant, int n, int depth, FerryStats a, FerryStats b, long nanos) {
        long requests = (b.bytesIn() - a.bytesIn()) / EchoTarget.MESSAGE;
        long entries = b.kernelEntries() - a.kernelEntries();
        long wakeups = sum(b, true) - sum(a, true);
        long events = sum(b, false) - sum(a, false);
        return new Row(variant, n, depth, requests, requests * 1e9 / nanos, ratio(entries, requests),
            ratio(events, wakeups), ratio(wakeups, requests));
    }

    private static long sum(FerryStats s, boolean wakeups) {
        return s.loops().stream().mapToLong(l -> wakeups ? l.wakeups() : l.events()).sum();
    }

    static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
