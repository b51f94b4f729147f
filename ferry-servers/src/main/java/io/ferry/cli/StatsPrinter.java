package io.ferry.cli;

import io.ferry.Ferry;
import io.ferry.FerryStats;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code ferry serve --stats}: one line every period with what the runtime did in it (rates from the
 * difference of two {@link Ferry#stats()} snapshots) and what it holds now. Runs on a daemon thread and
 * ends when the runtime closes.
 */
final class StatsPrinter implements Runnable {
    private final Ferry ferry;
    private final long periodMillis;
    private final PrintStream out;

    private final FerryStats first;
    private final long firstNanos;

    private StatsPrinter(Ferry ferry, long periodMillis, PrintStream out, FerryStats first, long firstNanos) {
        this.ferry = ferry;
        this.periodMillis = periodMillis;
        this.out = out;
        this.first = first;
        this.firstNanos = firstNanos;
    }

    /**
     * Starts printing every {@code seconds} to {@code out}. The first period starts before this returns, so
     * a connection made after it (say, after the server announced its port) falls into a printed period.
     */
    static void start(Ferry ferry, int seconds, PrintStream out) {
        StatsPrinter printer = new StatsPrinter(ferry, seconds * 1000L, out, ferry.stats(), System.nanoTime());
        Thread.ofPlatform().daemon().name("ferry-stats").start(printer);
    }

    @Override
    public void run() {
        try {
            FerryStats before = first;
            long beforeNanos = firstNanos;
            while (true) {
                Thread.sleep(periodMillis);
                FerryStats now = ferry.stats();
                long nowNanos = System.nanoTime();
                out.println(line(before, now, (nowNanos - beforeNanos) / 1e9));
                out.flush();
                before = now;
                beforeNanos = nowNanos;
            }
        } catch (InterruptedException | RuntimeException e) {
            // the runtime closed (stats() refuses) or the JVM is stopping: nothing more to print
        }
    }

    /** The line for the period from {@code a} to {@code b}, {@code seconds} long. */
    static String line(FerryStats a, FerryStats b, double seconds) {
        long wakeups = b.loops().stream().mapToLong(l -> l.wakeups()).sum()
            - a.loops().stream().mapToLong(l -> l.wakeups()).sum();
        long events = b.loops().stream().mapToLong(l -> l.events()).sum()
            - a.loops().stream().mapToLong(l -> l.events()).sum();
        long calls = b.loops().stream().mapToLong(l -> l.submitCalls()).sum()
            - a.loops().stream().mapToLong(l -> l.submitCalls()).sum();
        long entries = b.loops().stream().mapToLong(l -> l.submittedEntries()).sum()
            - a.loops().stream().mapToLong(l -> l.submittedEntries()).sum();
        return String.format(Locale.ROOT,
            "stats: %.1f s: connections %d open, +%d accepted, +%d closed; in %s/s, out %s/s; "
                + "kernel entries %.0f/s, %.2f events per wake-up, %.2f entries per submit; buffers %d in use (%s)",
            seconds, b.openConnections(), b.accepted() - a.accepted(), b.closed() - a.closed(),
            bytes((b.bytesIn() - a.bytesIn()) / seconds), bytes((b.bytesOut() - a.bytesOut()) / seconds),
            (b.kernelEntries() - a.kernelEntries()) / seconds, wakeups == 0 ? 0.0 : (double) events / wakeups,
            calls == 0 ? 0.0 : (double) entries / calls, b.buffersInUse(), bytes(b.bytesInUse()));
    }

    private static String bytes(double n) {
        if (n >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (1 << 20));
        }
        if (n >= 1 << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", n / (1 << 10));
        }
        return String.format(Locale.ROOT, "%.0f B", n);
    }
}
