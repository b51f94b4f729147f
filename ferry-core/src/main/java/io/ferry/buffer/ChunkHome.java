package io.ferry.buffer;

/**
 * Where a {@link Chunk} goes when its last view is released: a size class's free list, the
 * deallocation of a dedicated buffer, or (for a lender such as the io_uring provided-buffer ring)
 * back into the kernel's hands.
 *
 * <p>Always called on the pool's owner thread.
 */
@FunctionalInterface
interface ChunkHome {
    /**
     * Takes back a chunk that no view references any more.
     *
     * @param chunk the chunk, whose last view was just released
     */
    void returned(Chunk chunk);
}
