package io.ferry.buffer;

import io.ferry.diagnostics.PoolExhaustedEvent;
import io.ferry.diagnostics.PoolGrownEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The buffers of one size: slabs of page-aligned memory, cut into equal chunks kept on an intrusive
 * free list. Owner thread only. Grows by one slab when empty, up to a cap, then refuses.
 */
final class SizeClass implements ChunkHome {
    private final BufferPool pool;
    private final Arena arena;
    private final String name;
    private final int size;
    private final int perSlab;
    private final int maxBuffers;
    private Chunk free;
    private int total;
    private int freeCount;
    private int slabs;
    private int lent;

    SizeClass(BufferPool pool, Arena arena, String name, int size, int perSlab, int maxBuffers) {
        this.pool = pool;
        this.arena = arena;
        this.name = name;
        this.size = size;
        this.perSlab = perSlab;
        this.maxBuffers = maxBuffers;
    }

    int size() {
        return size;
    }

    /** Carves {@code slab} (already allocated, page-aligned) into chunks. */
    void addSlab(MemorySegment slab) {
        int count = (int) (slab.byteSize() / size);
        for (int i = 0; i < count; i++) {
            Chunk c = new Chunk(pool, slab.asSlice((long) i * size, size), total + i, this);
            c.next = free;
            free = c;
        }
        total += count;
        freeCount += count;
        slabs++;
    }

    /** The next free chunk, growing by a slab if needed. */
    Chunk take() {
        Chunk c = free;
        if (c == null) {
            pool.drainReturns();
            c = free;
            if (c == null) {
                grow();
                c = free;
            }
        }
        free = c.next;
        c.next = null;
        freeCount--;
        return c;
    }

    private void grow() {
        int count = Math.min(perSlab, maxBuffers - total);
        if (count <= 0) {
            PoolExhaustedEvent.emit(name, size, maxBuffers);
            throw new PoolExhaustedException("buffer pool exhausted: all " + total + " " + name + " buffers of "
                + size + " B are in use (cap " + maxBuffers + "); release buffers or raise the cap with "
                + "BufferPool.builder()." + name + "Cap(...)");
        }
        addSlab(arena.allocate((long) count * size, BufferPool.PAGE_SIZE));
        PoolGrownEvent.emit(name, size, count, total, maxBuffers);
    }

    @Override
    public void returned(Chunk chunk) {
        chunk.next = free;
        free = chunk;
        freeCount++;
    }

    /** Takes a chunk out for a lender that returns it to {@code home} instead of here. */
    Chunk lend(ChunkHome home) {
        Chunk c = take();
        c.home = home;
        lent++;
        return c;
    }

    /** A lent chunk comes back for good. */
    void unlend(Chunk c) {
        c.home = this;
        lent--;
        returned(c);
    }

    int inUse() {
        return total - freeCount - lent;
    }

    int freeCount() {
        return freeCount;
    }

    int slabs() {
        return slabs;
    }

    int lent() {
        return lent;
    }

    long reservedBytes() {
        return (long) total * size;
    }
}
