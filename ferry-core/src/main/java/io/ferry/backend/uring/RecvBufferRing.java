package io.ferry.backend.uring;

import io.ferry.linux.uring.IoUring;
import io.ferry.linux.uring.ProvidedBufferRing;
import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.internal.PoolAccess;
import io.ferry.linux.NativeIoException;

/**
 * The loop's provided-buffer ring: fixed-size pool buffers lent to the kernel, which picks one per
 * receive and names it in the CQE. The handler gets a {@link Buf} over exactly the received bytes;
 * when its last view is released the buffer goes straight back on the ring. So receive memory is
 * bounded by the ring, shared by all connections, and an idle connection holds none.
 *
 * <p>Buffer ids are the ids the pool lends them by. New buffers are published to the
 * kernel in one release store per loop iteration ({@link #publish()}). Loop thread only.
 */
final class RecvBufferRing implements AutoCloseable {
    private final BufferPool pool;
    private final ProvidedBufferRing ring;
    private final int capacity;
    private final long[] addressById;
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
        this.capacity = pool.bufferSize();
        int[] lent = PoolAccess.lend(pool, entries, this::returned);
        int maxId = 0;
        for (int id : lent) {
            maxId = Math.max(maxId, id);
        }
        if (maxId > 0xFFFF) {
            throw new IllegalStateException("buffer id " + maxId + " does not fit the ring's 16-bit ids");
        }
        addressById = new long[maxId + 1];
        inRing = new boolean[maxId + 1];
        for (int id : lent) {
            addressById[id] = PoolAccess.lentAddress(pool, id);
            put(id);
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
        inRing[bufferId] = false;
        available--;
        return PoolAccess.viewLent(pool, bufferId, length);
    }

    /** A lent buffer's last view was released (owner thread): back on the ring. */
    private void returned(int bufferId) {
        if (closed) {
            PoolAccess.unlend(pool, bufferId);
            return;
        }
        put(bufferId);
        onRefill.run();
    }

    private void put(int bufferId) {
        ring.add(bufferId, addressById[bufferId], capacity);
        inRing[bufferId] = true;
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
        for (int id = 0; id < inRing.length; id++) {
            if (inRing[id]) {
                inRing[id] = false;
                PoolAccess.unlend(pool, id);
            }
        }
    }
}
