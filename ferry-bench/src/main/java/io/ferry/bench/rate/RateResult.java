package io.ferry.bench.rate;

import org.HdrHistogram.Histogram;

/**
 * What one constant-rate run measured. Latencies are in nanoseconds, from each request's intended
 * send time to its complete response.
 *
 * @param spec         what was run
 * @param latency      one value per request meant for the measured window (unfinished ones included)
 * @param generatorLag how late the generator itself sent each measured request after it could have
 *                     (its time was due and its connection free): when this is high, the load
 *                     generator, not the server, was behind
 * @param answered     responses that arrived within the measured window
 * @param unfinished   requests meant for the window that had no response when the drain ended
 * @param generatorRunQueueShare the generator thread's time waiting for a CPU over the run's wall
 *                     time (NaN when unknown): when high, the machine did not run the generator
 */
public record RateResult(RateSpec spec, Histogram latency, Histogram generatorLag, long answered, long unfinished,
                         double generatorRunQueueShare) {
    /** This result with the generator's run-queue share filled in. */
    public RateResult withGeneratorRunQueueShare(double share) {
        return new RateResult(spec, latency, generatorLag, answered, unfinished, share);
    }

    /** Responses per second that arrived within the measured window. */
    public double achievedRate() {
        return answered * 1e9 / spec.durationNanos();
    }

    /** Latency at {@code percentile} (0-100) in microseconds. */
    public double micros(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1e3;
    }

    /** The highest latency in microseconds. */
    public double maxMicros() {
        return latency.getMaxValue() / 1e3;
    }

    /** The generator's own lag at the 99th percentile, in microseconds. */
    public double generatorLagP99Micros() {
        return generatorLag.getValueAtPercentile(99) / 1e3;
    }

    @Override
    public String toString() {
        return String.format("target %,.0f req/s, achieved %,.0f req/s  p50 %,.0f us  p99 %,.0f us  p99.9 %,.0f us"
                + "  max %,.0f us  (%,d requests, %,d unfinished; generator lag p99 %,.0f us, waited for a CPU %.0f %%"
                + " of the time)", spec.rate(), achievedRate(), micros(50), micros(99), micros(99.9), maxMicros(),
            latency.getTotalCount(), unfinished, generatorLagP99Micros(), generatorRunQueueShare * 100);
    }
}
