package io.ferry.backend.uring;

import static io.ferry.linux.IoUringConstants.IORING_CQE_F_BUF_MORE;
import static io.ferry.linux.IoUringConstants.IOU_PBUF_RING_INC;

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
 * <p>Incremental ({@code IOU_PBUF_RING_INC}, Linux 6.12): the kernel fills a buffer a receive at a time, so one
 * buffer may carry bytes of several receives, of several connections. Each CQE's bytes start where the previous
 * CQE for that buffer ended (the ring tracks that offset per buffer id); the handler gets a view over just those
 * bytes. While a CQE has IORING_CQE_F_BUF_MORE the kernel keeps the buffer, so it goes back on the ring only once
 * a CQE without that flag came and every view handed out over it is released, whichever happens last. The ring
 * pins each buffer while the kernel has it ({@link PoolAccess#pinLent}): without the pin, views released on
 * another thread could send a buffer home while the kernel still fills it, and the next receive's view would
 * revive a buffer already on its way back to the pool.
 *
 * <p>Buffer ids are the ids the pool lends them by. New buffers are published to the
 * kernel in one release store per loop iteration ({@link #publish()}). Loop thread only.
 */
final class RecvBufferRing implements AutoCloseable {
    private final BufferPool pool;
    private final ProvidedBufferRing ring;
    private final int capacity;
    private final long[] addressById;
    /** The kernel may still write into the buffer: it is in the ring, or (incremental) partly consumed. */
    private final boolean[] inRing;
    /** Incremental: bytes of the buffer the kernel has used since it was put on the ring. */
    private final int[] consumed;
    private final boolean incremental;
    private final Runnable onRefill;
    private final int entries;
    private int available;
    private boolean closed;

    /**
     * Lends {@code entries} buffers to a new ring of group {@code groupId}.
     *
     * @param incremental register with IOU_PBUF_RING_INC (-EINVAL before Linux 6.12)
     * @param onRefill called when buffers come back, so receives starved by -ENOBUFS can re-arm
     */
    RecvBufferRing(IoUring uring, BufferPool pool, int groupId, int entries, boolean incremental, Runnable onRefill)
        throws NativeIoException {
        this.pool = pool;
        this.onRefill = onRefill;
        this.entries = entries;
        this.incremental = incremental;
        this.ring = uring.registerBufferRing(groupId, entries, incremental ? IOU_PBUF_RING_INC : 0);
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
        consumed = new int[maxId + 1];
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

    /**
     * The bytes a CQE reported: a view over exactly them, now the caller's.
     *
     * @param bufferId the id in the CQE's flags
     * @param length the CQE's res, positive
     * @param flags the CQE's flags (incremental: IORING_CQE_F_BUF_MORE says the kernel keeps the buffer)
     */
    Buf take(int bufferId, int length, int flags) {
        if (!incremental) {
            inRing[bufferId] = false;
            available--;
            return PoolAccess.viewLent(pool, bufferId, length);
        }
        int offset = consumed[bufferId];
        consumed[bufferId] = offset + length;
        Buf whole = PoolAccess.viewLent(pool, bufferId, offset + length);
        Buf data = whole.slice(offset, length); // capacity ends at the data: no view reaches the kernel's part
        whole.release();
        if ((flags & IORING_CQE_F_BUF_MORE) == 0) {
            inRing[bufferId] = false; // the kernel is done with it: it returns with its last view
            available--;
            PoolAccess.unpinLent(pool, bufferId);
        }
        return data;
    }

    /** A lent buffer's last view was released, and (incremental) the kernel is done with it: back on the ring. */
    private void returned(int bufferId) {
        if (closed) {
            PoolAccess.unlend(pool, bufferId);
            return;
        }
        put(bufferId);
        onRefill.run();
    }

    private void put(int bufferId) {
        if (incremental) {
            PoolAccess.pinLent(pool, bufferId);
        }
        ring.add(bufferId, addressById[bufferId], capacity);
        inRing[bufferId] = true;
        consumed[bufferId] = 0;
        available++;
    }

    /** Buffers the kernel has partly consumed and keeps (incremental only; for tests). */
    int partlyConsumed() {
        int n = 0;
        for (int id = 0; id < consumed.length; id++) {
            if (inRing[id] && consumed[id] > 0) {
                n++;
            }
        }
        return n;
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
            if (!inRing[id]) {
                continue; // handed out: back to the pool with its last view
            }
            inRing[id] = false;
            if (incremental) {
                PoolAccess.unpinLent(pool, id); // to the pool now, or with the last view of its received bytes
            } else {
                PoolAccess.unlend(pool, id);
            }
        }
    }
}
