package io.ferry.bench.soak;

/**
 * The figures a soak samples from the server process, with the growth each may show after warm-up
 * before it counts as a trend: {@code floor} in the series' own unit, or 10% of its mean when larger
 * (see {@link Trend}). The floors sit above what a healthy runtime moves by between two samples under
 * this load: the JVM's RSS breathes with its heap and code cache (its young generation still grew by
 * some 30 MiB after a 5 s warm-up in a 24 s run), buffers and connections with the requests that happen
 * to be in flight.
 */
public enum Series {
    /** Resident set size ({@code VmRSS} in {@code /proc/self/status}), MiB. */
    RSS("rss_mib", "RSS (MiB)", 64),
    /** Heap used right after {@code System.gc()}, MiB. */
    HEAP("heap_after_gc_mib", "heap after GC (MiB)", 8),
    /** Open descriptors ({@code /proc/self/fd}). */
    FDS("fds", "open descriptors", 16),
    /** Bytes held in the loops' buffer pools, MiB. */
    POOL("pool_mib", "pool in use (MiB)", 4),
    /** Connections open on the loops. */
    CONNECTIONS("connections", "connections", 32),
    /** Operations submitted to the kernel and not completed. */
    OPS("ops_in_flight", "ops in flight", 64);

    private final String column;
    private final String title;
    private final double floor;

    Series(String column, String title, double floor) {
        this.column = column;
        this.title = title;
        this.floor = floor;
    }

    /** {@return the CSV column name} */
    public String column() {
        return column;
    }

    /** {@return the chart title, with the unit} */
    public String title() {
        return title;
    }

    /** {@return the least growth that counts as a trend, in the series' unit} */
    public double floor() {
        return floor;
    }
}
