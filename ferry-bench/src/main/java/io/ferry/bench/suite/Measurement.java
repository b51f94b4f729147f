package io.ferry.bench.suite;

import io.ferry.bench.rate.RateResult;

/**
 * One run of one workload against one server.
 *
 * @param requestsPerSecond throughput (messages/s for echo)
 * @param p50Micros         median latency in microseconds (NaN when the tool does not report it)
 * @param p99Micros         99th percentile latency in microseconds
 * @param paced             the whole result of a constant-rate run, or null for closed-loop tools
 * @param serverCoreHiccupMicros the longest hiccup a {@link io.ferry.bench.harness.HiccupProbe} on the server's
 *                          core saw during the run, in microseconds (NaN when none ran)
 * @param loadCoreHiccupMicros the same on the load generator's core
 */
public record Measurement(double requestsPerSecond, double p50Micros, double p99Micros, RateResult paced,
                          double serverCoreHiccupMicros, double loadCoreHiccupMicros) {
    /** A closed-loop measurement. */
    public Measurement(double requestsPerSecond, double p50Micros, double p99Micros) {
        this(requestsPerSecond, p50Micros, p99Micros, null, Double.NaN, Double.NaN);
    }

    /** This measurement with the longest hiccups during it on the server's and the load generator's core. */
    public Measurement withCoreHiccups(long serverCoreNanos, long loadCoreNanos) {
        return new Measurement(requestsPerSecond, p50Micros, p99Micros, paced, serverCoreNanos / 1e3,
            loadCoreNanos / 1e3);
    }

    /** A constant-rate run: achieved rate and latencies from the intended send times. */
    public static Measurement of(RateResult r) {
        return new Measurement(r.achievedRate(), r.micros(50), r.micros(99), r, Double.NaN, Double.NaN);
    }
}
