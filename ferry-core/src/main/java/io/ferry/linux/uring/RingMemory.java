package io.ferry.linux.uring;

import static io.ferry.linux.IoUringConstants.IORING_FEAT_SINGLE_MMAP;
import static io.ferry.linux.IoUringConstants.IORING_OFF_CQ_RING;
import static io.ferry.linux.IoUringConstants.IORING_OFF_SQES;
import static io.ferry.linux.IoUringConstants.IORING_OFF_SQ_RING;

import io.ferry.linux.Errno;
import io.ferry.linux.IoUringCqe;
import io.ferry.linux.IoUringParams;
import io.ferry.linux.IoUringSqe;
import io.ferry.linux.Memory;
import io.ferry.linux.NativeIoException;
import java.lang.foreign.MemorySegment;

/**
 * The three mmapped regions of a ring: SQ ring, CQ ring (the same mapping with IORING_FEAT_SINGLE_MMAP) and the
 * SQE array. Owned by one {@link IoUring}, which unmaps it on close.
 */
record RingMemory(MemorySegment sqRing, MemorySegment cqRing, MemorySegment sqes, boolean single) {

    static RingMemory map(int fd, MemorySegment params) throws NativeIoException {
        int sqEntries = IoUringParams.sqEntries(params);
        int cqEntries = IoUringParams.cqEntries(params);
        long sqSize = IoUringParams.sqOff(params, IoUringParams.SQ_OFF_ARRAY) + 4L * sqEntries;
        long cqSize = IoUringParams.cqOff(params, IoUringParams.CQ_OFF_CQES) + (long) IoUringCqe.SIZE * cqEntries;
        boolean single = (IoUringParams.features(params) & IORING_FEAT_SINGLE_MMAP) != 0;
        if (single) {
            sqSize = Math.max(sqSize, cqSize);
            cqSize = sqSize;
        }
        MemorySegment sq = map(fd, sqSize, IORING_OFF_SQ_RING);
        MemorySegment cq = sq;
        MemorySegment sqes = null;
        try {
            if (!single) {
                cq = map(fd, cqSize, IORING_OFF_CQ_RING);
            }
            sqes = map(fd, (long) IoUringSqe.SIZE * sqEntries, IORING_OFF_SQES);
        } catch (NativeIoException e) {
            Memory.munmap(sq.address(), sq.byteSize());
            if (cq != sq) {
                Memory.munmap(cq.address(), cq.byteSize());
            }
            throw e;
        }
        return new RingMemory(sq, cq, sqes, single);
    }

    private static MemorySegment map(int fd, long size, long offset) throws NativeIoException {
        long addr = Memory.mmap(0L, size, Memory.PROT_READ | Memory.PROT_WRITE,
            Memory.MAP_SHARED | Memory.MAP_POPULATE, fd, offset);
        Errno.check("mmap(io_uring)", addr);
        return Memory.segment(addr, size);
    }

    void unmap() {
        Memory.munmap(sqes.address(), sqes.byteSize());
        if (!single) {
            Memory.munmap(cqRing.address(), cqRing.byteSize());
        }
        Memory.munmap(sqRing.address(), sqRing.byteSize());
    }
}
