package io.ferry.buffer;

import io.ferry.diagnostics.PoolExhaustedEvent;
import io.ferry.diagnostics.PoolGrownEvent;
import io.ferry.diagnostics.PoolTrimmedEvent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The buffers of one size: slabs of page-aligned memory, cut into equal chunks kept on an intrusive
 * free list. Owner thread only. Grows by one slab when empty, up to a cap, then refuses; {@link #trim}
 * frees the grown slabs a burst left entirely free.
 *
 * <p>Slab {@code k} holds the chunks with ids {@code [k * perSlab, (k + 1) * perSlab)}, so a slab freed by
 * a trim leaves a gap that the next growth fills, and ids stay below the cap (the provided-buffer ring's
 * 16-bit ids depend on it).
 */
final class SizeClass implements ChunkHome {
    /** One slab: its own arena (so it can be freed alone; null for the first, in the pool's arena). */
    static final class Slab {
        final Arena arena;
        final int count;
        int free;

        Slab(Arena arena, int count) {
            this.arena = arena;
            this.count = count;
        }
    }

    private final BufferPool pool;
    private final String name;
    private final int size;
    private final int perSlab;
    private final int maxBuffers;
    private final Slab[] slots;
    private Chunk free;
    private int total;
    private int freeCount;
    private int slabs;
    private int lent;
    /** The most buffers in use at once since the last trim. */
    private int peakInUse;

    SizeClass(BufferPool pool, String name, int size, int perSlab, int maxBuffers) {
        this.pool = pool;
        this.name = name;
        this.size = size;
        this.perSlab = perSlab;
        this.maxBuffers = maxBuffers;
        this.slots = new Slab[(maxBuffers + perSlab - 1) / perSlab];
    }

    int size() {
        return size;
    }

    /** Carves the first slab, part of the pool's one initial allocation, which is never freed. */
    void addFirstSlab(MemorySegment memory) {
        addSlab(0, memory, null);
    }

    private void addSlab(int slot, MemorySegment memory, Arena arena) {
        int count = (int) (memory.byteSize() / size);
        Slab slab = new Slab(arena, count);
        for (int i = 0; i < count; i++) {
            Chunk c = new Chunk(pool, memory.asSlice((long) i * size, size), slot * perSlab + i, this);
            c.slab = slab;
            c.next = free;
            free = c;
        }
        slab.free = count;
        slots[slot] = slab;
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
        c.slab.free--;
        peakInUse = Math.max(peakInUse, inUse());
        return c;
    }

    private void grow() {
        if (total >= maxBuffers) {
            PoolExhaustedEvent.emit(name, size, maxBuffers);
            throw new PoolExhaustedException("buffer pool exhausted: all " + total + " " + name + " buffers of "
                + size + " B are in use (cap " + maxBuffers + "); release buffers or raise the cap with "
                + "BufferPool.builder()." + name + "Cap(...)");
        }
        int slot = 1;
        while (slots[slot] != null) {
            slot++;
        }
        int count = Math.min(perSlab, maxBuffers - slot * perSlab); // the last slot may be short
        Arena arena = Arena.ofShared();
        addSlab(slot, arena.allocate((long) count * size, BufferPool.PAGE_SIZE), arena);
        PoolGrownEvent.emit(name, size, count, total, maxBuffers);
    }

    @Override
    public void returned(Chunk chunk) {
        chunk.next = free;
        free = chunk;
        freeCount++;
        chunk.slab.free++;
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

    /**
     * Frees grown slabs whose chunks are all free, keeping at least the peak in use since the last trim plus
     * one slab, so a load that stays does not free and regrow a slab every interval.
     *
     * @return the bytes freed
     */
    long trim() {
        int keep = peakInUse + perSlab;
        peakInUse = inUse();
        long freed = 0;
        for (int slot = slots.length - 1; slot > 0; slot--) {
            Slab slab = slots[slot];
            if (slab != null && slab.free == slab.count && total - lent - slab.count >= keep) {
                unlinkFree(slab);
                slots[slot] = null;
                total -= slab.count;
                freeCount -= slab.count;
                slabs--;
                freed += (long) slab.count * size;
                slab.arena.close();
            }
        }
        if (freed > 0) {
            PoolTrimmedEvent.emit(name, size, freed, total);
        }
        return freed;
    }

    /** Drops a slab's chunks from the free list, keeping the order of the rest. */
    private void unlinkFree(Slab slab) {
        Chunk kept = null;
        Chunk tail = null;
        for (Chunk c = free; c != null; ) {
            Chunk next = c.next;
            c.next = null;
            if (c.slab != slab) {
                if (tail == null) {
                    kept = c;
                } else {
                    tail.next = c;
                }
                tail = c;
            }
            c = next;
        }
        free = kept;
    }

    /** Frees the grown slabs (the first is in the pool's arena); the pool is closing. */
    void close() {
        for (int slot = 1; slot < slots.length; slot++) {
            if (slots[slot] != null) {
                slots[slot].arena.close();
                slots[slot] = null;
            }
        }
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
