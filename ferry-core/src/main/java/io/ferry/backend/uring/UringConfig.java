package io.ferry.backend.uring;

/**
 * Sizes of one loop's ring.
 *
 * @param sqEntries   submission queue entries (power of two)
 * @param cqEntries   completion queue entries (power of two, at least sqEntries)
 * @param recvBuffers pool buffers lent to the kernel's provided-buffer ring (power of two)
 */
public record UringConfig(int sqEntries, int cqEntries, int recvBuffers) {
    public UringConfig {
        if (Integer.bitCount(sqEntries) != 1 || Integer.bitCount(cqEntries) != 1 || cqEntries < sqEntries
            || Integer.bitCount(recvBuffers) != 1 || recvBuffers > 32768) {
            throw new IllegalArgumentException("ring sizes must be powers of two (cq >= sq, recv buffers <= 32768): "
                + sqEntries + "/" + cqEntries + "/" + recvBuffers);
        }
    }

    /** 1024 SQEs, 8192 CQEs, 256 receive buffers; overridable with {@code -Dferry.uring.recvBuffers=N}. */
    public static UringConfig fromSystemProperties() {
        return new UringConfig(1024, 8192, Integer.getInteger("ferry.uring.recvBuffers", 256));
    }
}
