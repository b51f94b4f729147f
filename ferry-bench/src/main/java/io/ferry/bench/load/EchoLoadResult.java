package io.ferry.bench.load;

import org.HdrHistogram.Histogram;

/** Throughput and latency of one echo run. Latencies are in nanoseconds. */
public record EchoLoadResult(EchoLoadSpec spec, long messages, long nanos, Histogram latency) {
    public double messagesPerSecond() {
        return messages * 1e9 / nanos;
    }

    public double megabytesPerSecond() {
        return messagesPerSecond() * spec.messageSize() / 1e6;
    }

    /** Latency at {@code percentile} (0-100) in microseconds. */
    public double latencyMicros(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1e3;
    }

    @Override
    public String toString() {
        return String.format("%,.0f msg/s  %.1f MB/s  p50 %.0f us  p99 %.0f us  p99.9 %.0f us", messagesPerSecond(),
            megabytesPerSecond(), latencyMicros(50), latencyMicros(99), latencyMicros(99.9));
    }
}
