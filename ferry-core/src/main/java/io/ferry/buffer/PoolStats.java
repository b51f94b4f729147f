package io.ferry.buffer;

/**
 * A snapshot of a {@link BufferPool}'s occupancy. Tests assert that in-use counts return to their
 * baseline; operators read it to see where memory goes.
 *
 * @param bufferSize     bytes per fixed-size buffer
 * @param buffersInUse   fixed-size buffers referenced by at least one view (lent ones excluded)
 * @param buffersFree    fixed-size buffers on the free list
 * @param slabs          fixed-size slabs allocated so far
 * @param jumboSize      bytes per jumbo buffer
 * @param jumbosInUse    jumbo buffers in use
 * @param jumbosFree     jumbo buffers on the free list
 * @param dedicatedInUse live dedicated allocations (larger than a jumbo buffer)
 * @param dedicatedBytes bytes held by dedicated allocations
 * @param lent           fixed-size buffers lent out (to the kernel's provided-buffer ring)
 * @param lentInUse      of those, buffers the lender handed to users (received data not yet released; a buffer
 *                       of an incremental ring counts once its kernel is done filling it)
 * @param reservedBytes  native bytes reserved by the pool's slabs
 */
public record PoolStats(int bufferSize, int buffersInUse, int buffersFree, int slabs,
                        int jumboSize, int jumbosInUse, int jumbosFree,
                        int dedicatedInUse, long dedicatedBytes, int lent, int lentInUse, long reservedBytes) {

    /** {@return the buffers of every kind held by users right now, received ones from the lender included} */
    public int inUse() {
        return buffersInUse + jumbosInUse + dedicatedInUse + lentInUse;
    }

    /** {@return the bytes of every kind held by users right now: what {@link #inUse()} counts, weighed by size} */
    public long bytesInUse() {
        return (long) (buffersInUse + lentInUse) * bufferSize + (long) jumbosInUse * jumboSize + dedicatedBytes;
    }
}
