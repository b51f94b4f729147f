package io.ferry.bench.soak;

import io.ferry.Ferry;
import io.ferry.FerryStats;
import io.ferry.LoopStats;
import io.ferry.bench.stress.DescriptorCount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples this process (the one running the servers): RSS from {@code /proc/self/status}, the heap
 * after a {@code System.gc()} (a full collection, so the figure is what is live, not what garbage
 * happens to be waiting), descriptors from {@code /proc/self/fd}, and the runtime's pool bytes,
 * connections and operations in flight from {@link Ferry#stats()}.
 *
 * <p>Note: each sample is a full GC, a pause of the servers too; at one sample every few seconds it is
 * part of the load they soak under.
 */
final class Sampler {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final double MIB = 1024.0 * 1024;
    private final Ferry ferry;

    Sampler(Ferry ferry) {
        this.ferry = ferry;
    }

    /** Samples now; {@code seconds} and {@code requests} label it. */
    Sample take(double seconds, long requests) {
        System.gc();
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
        FerryStats stats = ferry.stats();
        double[] v = new double[Series.values().length];
        v[Series.RSS.ordinal()] = rssKib() / 1024.0;
        v[Series.HEAP.ordinal()] = heap;
        v[Series.FDS.ordinal()] = DescriptorCount.now();
        v[Series.POOL.ordinal()] = stats.bytesInUse() / MIB;
        v[Series.CONNECTIONS.ordinal()] = stats.openConnections();
        v[Series.OPS.ordinal()] = stats.loops().stream().mapToInt(LoopStats::opsInFlight).sum();
        return new Sample(seconds, requests, v);
    }

    private static long rssKib() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no VmRSS in " + STATUS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS, e);
        }
    }
}
