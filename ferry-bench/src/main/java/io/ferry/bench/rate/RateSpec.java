package io.ferry.bench.rate;

import java.util.concurrent.TimeUnit;

/**
 * What one constant-rate run does. Connection {@code c} sends its {@code k}-th request at
 * {@code start + (k * connections + c) / rate} seconds, so the whole schedule is {@code rate} per
 * second, evenly spaced, and each connection has one request in flight at most (HTTP keep-alive
 * without pipelining). Only requests meant for the measured window are recorded; those still
 * unanswered when the drain ends are recorded with the wait they have had so far (a lower bound).
 *
 * @param connections   concurrent connections, at most 10,000
 * @param rate          requests per second over all connections
 * @param warmupNanos   paced load before the measured window, not recorded
 * @param durationNanos the measured window, at most 10 minutes
 * @param drainNanos    how long after the window late requests may still finish, at most 1 minute
 */
public record RateSpec(int connections, double rate, long warmupNanos, long durationNanos, long drainNanos) {
    /** Upper bound on the requests one run may schedule, so every run is bounded in count too. */
    public static final long MAX_REQUESTS = 500_000_000L;

    /** Checks the bounds above. */
    public RateSpec {
        if (connections <= 0 || connections > 10_000) {
            throw new IllegalArgumentException("connections must be in [1, 10000]");
        }
        if (!(rate > 0) || rate > 10_000_000) {
            throw new IllegalArgumentException("rate must be in (0, 10,000,000] requests per second");
        }
        long tenMinutes = TimeUnit.MINUTES.toNanos(10);
        if (durationNanos <= 0 || durationNanos > tenMinutes || warmupNanos < 0 || warmupNanos > tenMinutes
            || drainNanos < 0 || drainNanos > TimeUnit.MINUTES.toNanos(1)) {
            throw new IllegalArgumentException("need duration in (0, 10 min], warm-up in [0, 10 min], drain <= 1 min");
        }
        if (rate * (warmupNanos + durationNanos) / 1e9 > MAX_REQUESTS) {
            throw new IllegalArgumentException("a run may schedule at most " + MAX_REQUESTS + " requests");
        }
    }

    /** A spec from seconds; the drain is one second. */
    public static RateSpec of(int connections, double rate, double warmupSeconds, double seconds) {
        return new RateSpec(connections, rate, (long) (warmupSeconds * 1e9), (long) (seconds * 1e9),
            TimeUnit.SECONDS.toNanos(1));
    }

    /** When connection {@code c}'s {@code k}-th request is meant to be sent, for a run that starts at {@code start}. */
    public long intendedNanos(long start, int c, long k) {
        return start + Math.round((k * connections + c) * 1e9 / rate);
    }
}
