package io.ferry.bench.stress;

import io.ferry.backend.Backend;
import io.ferry.backend.BackendKind;
import io.ferry.Backends;
import io.ferry.linux.uring.UringBackend;
import io.ferry.linux.uring.UringConfig;
import io.ferry.net.SocketOptions;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The hostile configuration one chaos run gives the runtime, drawn from the seed: receive rings of one
 * or two buffers, small submission and completion queues (so the completion queue overflows), tiny
 * task queues, low write watermarks (so backpressure engages), one or two loops.
 */
record ChaosSettings(BackendKind kind, int loops, int taskQueue, UringConfig uring, int lowWatermark,
                     int highWatermark) {

    static ChaosSettings draw(BackendKind kind, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int sq = 1 << r.nextInt(3, 7);
        UringConfig uring = new UringConfig(sq, sq * (1 << r.nextInt(1, 3)), 1 << r.nextInt(0, 2));
        int low = 1 << r.nextInt(10, 16);
        return new ChaosSettings(kind, r.nextInt(1, 3), 1 << r.nextInt(4, 9), uring, low, low * 2);
    }

    Backend backend() {
        return kind == BackendKind.URING ? new UringBackend(uring, UnaryOperator.identity()) : Backends.of(kind);
    }

    SocketOptions socketOptions() {
        return SocketOptions.defaults().withWatermarks(lowWatermark, highWatermark);
    }

    @Override
    public String toString() {
        String ring = kind == BackendKind.URING
            ? ", ring " + uring.sqEntries() + "/" + uring.cqEntries() + " with " + uring.recvBuffers() + " recv buffers"
            : "";
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + loops + " loops, task queue " + taskQueue
            + ring + ", watermarks " + lowWatermark + "/" + highWatermark;
    }
}
