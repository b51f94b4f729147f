package io.ferry.linux.uring;

import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.ferry.linux.Errno;
import io.ferry.linux.IoUringBuf;
import io.ferry.linux.IoUringBufReg;
import io.ferry.linux.IoUringConstants;
import io.ferry.linux.Memory;
import io.ferry.linux.NativeIoException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * A provided-buffer ring (IORING_REGISTER_PBUF_RING, kernel 5.19): buffers the kernel picks from for requests
 * marked with {@link SubmissionEntry#bufferSelect(int)} or {@link SubmissionEntry#prepRecvMultishot}.
 *
 * <p>Hand buffers to the kernel with {@link #add(int, long, int)} (any number), then make them visible with
 * {@link #advance(int)} or {@link #publish()}, which store the ring tail with release semantics. A CQE with
 * IORING_CQE_F_BUFFER names the buffer it consumed ({@code flags >>> 16}); that buffer then belongs to the
 * application until it is added again.
 *
 * <p>Registered with IOU_PBUF_RING_INC (Linux 6.12), the kernel consumes a buffer a receive at a time: each CQE names
 * the buffer and the bytes it used, which start where the previous CQE for that buffer ended; while the CQE has
 * IORING_CQE_F_BUF_MORE the kernel keeps the buffer (it advances the entry's address and length in place) and more
 * CQEs for it follow. Without that flag the buffer is the application's.
 *
 * <p>Ownership: this object owns the ring memory (an anonymous page-aligned mapping) and unregisters and unmaps it in
 * {@link #close()}. The buffers themselves belong to the caller and must stay valid while they are in the ring or
 * named by an unconsumed CQE. Note: the kernel's head is not visible here, so never have more than
 * {@link #entries()} buffers in the ring at once; overfilling silently overwrites entries the kernel has not used.
 *
 * <p>Thread: the ring's owner thread only.
 */
public final class ProvidedBufferRing implements AutoCloseable {
    private static final VarHandle VH_SHORT = JAVA_SHORT.varHandle();

    private final IoUring ring;
    private final int groupId;
    private final int entries;
    private final int mask;
    private final MemorySegment memory;
    private int tail;
    private int pending;
    private boolean closed;

    private ProvidedBufferRing(IoUring ring, int groupId, int entries, MemorySegment memory) {
        this.ring = ring;
        this.groupId = groupId;
        this.entries = entries;
        this.mask = entries - 1;
        this.memory = memory;
    }

    static ProvidedBufferRing register(IoUring ring, int groupId, int entries, int flags) throws NativeIoException {
        if (entries <= 0 || entries > 32768 || Integer.bitCount(entries) != 1) {
            throw new IllegalArgumentException("entries must be a power of two in [1, 32768]: " + entries);
        }
        if (groupId < 0 || groupId > 0xFFFF) {
            throw new IllegalArgumentException("groupId must fit in 16 bits: " + groupId);
        }
        long size = Memory.pageAlign((long) entries * IoUringBuf.SIZE);
        long addr = Memory.mmap(0L, size, Memory.PROT_READ | Memory.PROT_WRITE,
            Memory.MAP_PRIVATE | Memory.MAP_ANONYMOUS, -1, 0L);
        Errno.check("mmap(buffer ring)", addr);
        int r;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment reg = a.allocate(IoUringBufReg.LAYOUT);
            IoUringBufReg.set(reg, addr, entries, groupId, flags);
            r = ring.register(IoUringConstants.IORING_REGISTER_PBUF_RING, reg.address(), 1);
        }
        if (r < 0) {
            Memory.munmap(addr, size);
            throw Errno.exception("io_uring_register(PBUF_RING)", r);
        }
        return new ProvidedBufferRing(ring, groupId, entries, Memory.segment(addr, size));
    }

    /**
     * Writes a buffer into the next free ring slot; invisible to the kernel until {@link #advance(int)}.
     *
     * @param bufferId the id the CQE will carry (0..65535)
     * @param address the buffer's native address
     * @param length the buffer's size in bytes
     */
    public void add(int bufferId, long address, int length) {
        IoUringBuf.set(memory, (tail + pending) & mask, address, length, bufferId);
        pending++;
    }

    /** Makes the first {@code count} added-but-unpublished buffers visible (release store of the tail). */
    public void advance(int count) {
        if (count > pending) {
            throw new IllegalArgumentException("advance(" + count + ") but only " + pending + " added");
        }
        tail += count;
        pending -= count;
        VH_SHORT.setRelease(memory, (long) IoUringBuf.RING_TAIL, (short) tail);
    }

    /** Makes every added buffer visible. */
    public void publish() {
        advance(pending);
    }

    /** Returns the buffer group id that SQEs select with. */
    public int groupId() {
        return groupId;
    }

    /** Returns the ring size. */
    public int entries() {
        return entries;
    }

    /** Returns the ring memory (for tests and debugging). */
    public MemorySegment memory() {
        return memory;
    }

    /**
     * Unregisters the group and unmaps the ring. Idempotent. Call only when no request can still select from it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment reg = a.allocate(IoUringBufReg.LAYOUT);
            IoUringBufReg.set(reg, 0L, 0, groupId);
            ring.register(IoUringConstants.IORING_UNREGISTER_PBUF_RING, reg.address(), 1);
        }
        Memory.munmap(memory.address(), memory.byteSize());
    }
}
