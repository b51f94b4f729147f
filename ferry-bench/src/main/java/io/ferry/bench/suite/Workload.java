package io.ferry.bench.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Comparator;

/** A load a server of one kind ({@link #app()}) is driven with, bounded in time. */
public interface Workload {
    /** Short name as printed, e.g. {@code http-plaintext}. */
    String name();

    /** Which server kind it needs: echo, http or resp. */
    String app();

    /** External tool it needs, or null. */
    default String tool() {
        return null;
    }

    /** How its runs are ordered to pick the median: by throughput, unless the workload fixes the rate. */
    default Comparator<Measurement> order() {
        return Comparator.comparingDouble(Measurement::requestsPerSecond);
    }

    /** Drives {@code target} once and returns what was measured. */
    Measurement run(InetSocketAddress target, double seconds) throws IOException;
}
