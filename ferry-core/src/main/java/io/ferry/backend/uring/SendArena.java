package io.ferry.backend.uring;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ferry.linux.IoVec;
import io.ferry.linux.MsgHdr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Scratch native memory for the msghdr + iovec array of gathered sends, bump-allocated and reset
 * after every submission. The kernel copies both when it takes the SQE
 * (IORING_FEAT_SUBMIT_STABLE), so they need to live only until {@code io_uring_enter} returns, and
 * an idle connection holds none. Slots are addressed by offset: nothing is allocated per send.
 * Loop thread only.
 *
 * <pre>
 *   slot:  | msghdr (56 B) | iovec[0] | iovec[1] | ... | iovec[63] |
 * </pre>
 */
final class SendArena implements AutoCloseable {
    /** Most iovecs one send gathers. */
    static final int MAX_IOV = 64;
    private static final int SLOT = MsgHdr.SIZE + MAX_IOV * IoVec.SIZE;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment memory;
    private final int slots;
    private int used;

    SendArena(int slots) {
        this.slots = slots;
        this.memory = arena.allocate((long) slots * SLOT, 64);
        memory.fill((byte) 0);
    }

    /** True when no slot is left until the next {@link #reset()} (submit first). */
    boolean isFull() {
        return used == slots;
    }

    /** Claims the next slot; returns its offset. */
    long take() {
        return (long) used++ * SLOT;
    }

    /** Points iovec {@code i} of the slot at {@code len} bytes at {@code base}. */
    void iov(long slot, int i, long base, long len) {
        long at = slot + MsgHdr.SIZE + (long) i * IoVec.SIZE;
        memory.set(JAVA_LONG, at + IoVec.IOV_BASE, base);
        memory.set(JAVA_LONG, at + IoVec.IOV_LEN, len);
    }

    /** Completes the slot's msghdr for {@code count} iovecs and returns its native address. */
    long msghdr(long slot, int count) {
        memory.set(JAVA_LONG, slot + MsgHdr.MSG_IOV, memory.address() + slot + MsgHdr.SIZE);
        memory.set(JAVA_LONG, slot + MsgHdr.MSG_IOVLEN, count);
        return memory.address() + slot;
    }

    /** Everything handed out has been submitted. */
    void reset() {
        used = 0;
    }

    @Override
    public void close() {
        arena.close();
    }
}
