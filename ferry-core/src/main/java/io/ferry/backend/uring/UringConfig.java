package io.ferry.backend.uring;

import io.ferry.backend.UringReceiveStrategy;
import java.util.Objects;

/**
 * Sizes of one loop's ring, and how its connections receive.
 *
 * @param sqEntries   submission queue entries (power of two)
 * @param cqEntries   completion queue entries (power of two, at least sqEntries)
 * @param recvBuffers pool buffers lent to the kernel's provided-buffer ring (power of two; the ring strategies only)
 * @param receive     the receive strategy
 */
public record UringConfig(int sqEntries, int cqEntries, int recvBuffers, UringReceiveStrategy receive) {
    public UringConfig {
        if (Integer.bitCount(sqEntries) != 1 || Integer.bitCount(cqEntries) != 1 || cqEntries < sqEntries
            || Integer.bitCount(recvBuffers) != 1 || recvBuffers > 32768) {
            throw new IllegalArgumentException("ring sizes must be powers of two (cq >= sq, recv buffers <= 32768): "
                + sqEntries + "/" + cqEntries + "/" + recvBuffers);
        }
        Objects.requireNonNull(receive, "receive");
    }

    /** Sizes with the default receive strategy, {@link UringReceiveStrategy#PROVIDED_RING}. */
    public UringConfig(int sqEntries, int cqEntries, int recvBuffers) {
        this(sqEntries, cqEntries, recvBuffers, UringReceiveStrategy.PROVIDED_RING);
    }

    /** {@return these sizes with {@code strategy}} */
    public UringConfig withReceive(UringReceiveStrategy strategy) {
        return new UringConfig(sqEntries, cqEntries, recvBuffers, strategy);
    }

    /**
     * 1024 SQEs, 8192 CQEs, 256 receive buffers, {@code PROVIDED_RING}; overridable with
     * {@code -Dferry.uring.recvBuffers=N} and {@code -Dferry.uring.receive=STRATEGY}.
     *
     * @throws IllegalArgumentException when {@code ferry.uring.receive} names no strategy
     */
    public static UringConfig fromSystemProperties() {
        String receive = System.getProperty("ferry.uring.receive");
        return new UringConfig(1024, 8192, Integer.getInteger("ferry.uring.recvBuffers", 256),
            receive == null || receive.isBlank() ? UringReceiveStrategy.PROVIDED_RING
                : UringReceiveStrategy.parse(receive));
    }
}
