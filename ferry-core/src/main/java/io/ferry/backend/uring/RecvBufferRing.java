package io.ferry.backend.uring;

import io.ferry.linux.uring.IoUring;
import io.ferry.linux.uring.ProvidedBufferRing;
import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.Chunk;
import io.ferry.buffer.ChunkHome;
import io.ferry.linux.NativeIoException;

/**
 * The loop's provided-buffer ring: fixed-size pool buffers lent to the kernel, which picks one per
 * receive and names it in the CQE. The handler gets a {@link Buf} over exactly the received bytes;
 * when its last view is released the buffer goes straight back on the ring. So receive memory is
 * bounded by the ring, shared by all connections, and an idle connection holds none.
 *
 * <p>Buffer ids are the chunks' ids in the pool's size class. New buffers are published to the
 * kernel in one release store per loop iteration ({@link #publish()}). Loop thread only.
 */
final class RecvBufferRing implements ChunkHome, AutoCloseable {
    private final BufferPool pool;
    private final ProvidedBufferRing ring;
    private final Chunk[] byId;
    private final boolean[] inRing;
    private final Runnable onRefill;
    private final int entries;
    private int available;
    private boolean closed;

    /**
     * Lends {@code entries} buffers to a new ring of group {@code groupId}.
     *
     * @param onRefill called when buffers come back, so receives starved by -ENOBUFS can re-arm
     */
    RecvBufferRing(IoUring uring, BufferPool pool, int groupId, int entries, Runnable onRefill)
        throws NativeIoException {
        this.pool = pool;
        this.onRefill = onRefill;
        this.entries = entries;
        this.ring = uring.registerBufferRing(groupId, entries);
        Chunk[] lent = pool.lend(entries, this);
        int maxId = 0;
        for (Chunk c : lent) {
            maxId = Math.max(maxId, c.id());
        }
        if (maxId > 0xFFFF) {
            throw new IllegalStateException("buffer id " + maxId + " does not fit the ring's 16-bit ids");
        }
        byId = new Chunk[maxId + 1];
        inRing = new boolean[maxId + 1];
        for (Chunk c : lent) {
            byId[c.id()] = c;
            put(c);
        }
        ring.publish();
    }

    int groupId() {
        return ring.groupId();
    }

    /** Buffers lent to the ring, whether in it or held by handlers. */
    int size() {
        return entries;
    }

    /** Buffers the kernel can fill right now. */
    int available() {
        return available;
    }

    /** The buffer the kernel filled: a view over its first {@code length} bytes, now the caller's. */
    Buf take(int bufferId, int length) {
        Chunk c = byId[bufferId];
        inRing[bufferId] = false;
        available--;
        return pool.view(c, 0, c.capacity(), length);
    }

    /** A lent buffer's last view was released (owner thread): back on the ring. */
    @Override
    public void returned(Chunk chunk) {
        if (closed) {
            pool.unlend(chunk);
            return;
        }
        put(chunk);
        onRefill.run();
    }

    private void put(Chunk c) {
        ring.add(c.id(), c.address(), c.capacity());
        inRing[c.id()] = true;
        available++;
    }

    /** Makes buffers added since the last call visible to the kernel. */
    void publish() {
        ring.publish();
    }

    /**
     * Unregisters the ring and gives the buffers in it back to the pool; buffers still held by
     * handlers go back to the pool when released. Call after the last receive completed.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ring.close();
        for (int id = 0; id < byId.length; id++) {
            if (inRing[id]) {
                inRing[id] = false;
                pool.unlend(byId[id]);
            }
        }
    }
}
