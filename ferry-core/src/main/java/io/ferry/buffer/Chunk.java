package io.ferry.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One region of native memory that views point into: a fixed-size pool buffer, a jumbo buffer, a
 * dedicated allocation, or a buffer lent to the kernel's provided-buffer ring.
 *
 * <p>A chunk counts its live views. When the count drops to zero the chunk goes to its
 * {@link ChunkHome}: directly when that happens on the pool's owner thread, through the pool's return
 * stack otherwise. Chunks are created once per buffer and reused, so acquiring allocates nothing.
 */
final class Chunk {
    private static final VarHandle VIEWS;

    static {
        try {
            VIEWS = MethodHandles.lookup().findVarHandle(Chunk.class, "views", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MemorySegment segment;
    final long address;
    final int id;
    final BufferPool pool;
    ChunkHome home;
    /** Shared NIO view of the whole chunk, made on first use by the nio backend. */
    java.nio.ByteBuffer nio;
    /** Intrusive link: the free list of a size class, or the pool's cross-thread return stack. */
    Chunk next;
    /** The slab of a size class this chunk was cut from; null for a dedicated allocation. */
    SizeClass.Slab slab;
    @SuppressWarnings("unused") // accessed through VIEWS
    private volatile int views;

    Chunk(BufferPool pool, MemorySegment segment, int id, ChunkHome home) {
        this.pool = pool;
        this.segment = segment;
        this.address = segment.address();
        this.id = id;
        this.home = home;
    }

    /** {@return the whole region} Views address parts of it. */
    public MemorySegment segment() {
        return segment;
    }

    /** {@return the native address of the first byte} */
    public long address() {
        return address;
    }

    /** {@return the capacity in bytes} */
    public int capacity() {
        return (int) segment.byteSize();
    }

    /**
     * {@return the index of this chunk within its size class} Lenders keep their own numbering; dedicated
     * allocations have -1.
     */
    public int id() {
        return id;
    }

    void addView() {
        VIEWS.getAndAdd(this, 1);
    }

    /** Drops one view; the last one sends the chunk home. */
    void removeView() {
        int before = (int) VIEWS.getAndAdd(this, -1);
        if (before == 1) {
            pool.recycle(this);
        } else if (before <= 0) {
            throw new IllegalStateException("chunk " + id + " released more often than viewed");
        }
    }

    int views() {
        return (int) VIEWS.getVolatile(this);
    }
}
