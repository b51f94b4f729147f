package io.ferry.bench.load;

import java.util.concurrent.TimeUnit;

/**
 * What one echo load run does.
 *
 * @param connections   concurrent connections
 * @param messageSize   bytes per message (at least 8: the send timestamp)
 * @param depth         messages in flight per connection (pipelining)
 * @param warmupNanos   load before measuring
 * @param durationNanos measured window
 */
public record EchoLoadSpec(int connections, int messageSize, int depth, long warmupNanos, long durationNanos) {
    public EchoLoadSpec {
        if (connections <= 0 || depth <= 0 || messageSize < 8) {
            throw new IllegalArgumentException("need connections > 0, depth > 0, message size >= 8");
        }
        if (durationNanos <= 0 || durationNanos > TimeUnit.MINUTES.toNanos(10) || warmupNanos < 0) {
            throw new IllegalArgumentException("duration must be within (0, 10 min], warm-up >= 0");
        }
    }

    public static EchoLoadSpec of(int connections, int messageSize, int depth, double warmupSeconds,
                                  double seconds) {
        return new EchoLoadSpec(connections, messageSize, depth, (long) (warmupSeconds * 1e9), (long) (seconds * 1e9));
    }
}
