package io.ferry.bench.stress;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.net.SocketOptions;
import java.util.SplittableRandom;

/**
 * The hostile configuration one chaos run gives the runtime, drawn from the seed: receive rings of one
 * or two buffers, small submission and completion queues (so the completion queue overflows), tiny
 * task queues, low write watermarks (so backpressure engages), one or two loops.
 */
record ChaosSettings(BackendKind kind, int loops, int taskQueue, Ring uring, int lowWatermark,
                     int highWatermark) {

    static ChaosSettings draw(BackendKind kind, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int sq = 1 << r.nextInt(3, 7);
        Ring uring = new Ring(sq, sq * (1 << r.nextInt(1, 3)), 1 << r.nextInt(0, 2));
        int low = 1 << r.nextInt(10, 16);
        return new ChaosSettings(kind, r.nextInt(1, 3), 1 << r.nextInt(4, 9), uring, low, low * 2);
    }

    /** A builder for this backend with the drawn ring sizes (ignored off io_uring). */
    Ferry.Builder builder() {
        return Ferry.builder().backend(kind).uringRing(uring.sq(), uring.cq(), uring.recvBuffers());
    }

    /** Sizes of an io_uring loop's ring: submission and completion queue entries, receive buffers. */
    record Ring(int sq, int cq, int recvBuffers) {
    }

    SocketOptions socketOptions() {
        return SocketOptions.defaults().withWatermarks(lowWatermark, highWatermark);
    }

    @Override
    public String toString() {
        String ring = kind == BackendKind.URING
            ? ", ring " + uring.sq() + "/" + uring.cq() + " with " + uring.recvBuffers() + " recv buffers"
            : "";
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + loops + " loops, task queue " + taskQueue
            + ring + ", watermarks " + lowWatermark + "/" + highWatermark;
    }
}
