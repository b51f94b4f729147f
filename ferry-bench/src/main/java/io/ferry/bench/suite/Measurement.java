package io.ferry.bench.suite;

/**
 * One run of one workload against one server.
 *
 * @param requestsPerSecond throughput (messages/s for echo)
 * @param p50Micros         median latency in microseconds (NaN when the tool does not report it)
 * @param p99Micros         99th percentile latency in microseconds
 */
public record Measurement(double requestsPerSecond, double p50Micros, double p99Micros) {
}
