package io.ferry.file;

import io.ferry.linux.Errno;
import io.ferry.linux.FileConstants;
import io.ferry.linux.LibC;
import io.ferry.linux.Statx;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * The alignment O_DIRECT needs for one open file, as its file system reports it through statx
 * STATX_DIOALIGN (Linux 6.1+), or {@link AsyncFile#DIRECT_ALIGNMENT} with the reason when it does
 * not. Immutable; any thread.
 *
 * @param memory buffer address alignment in bytes (a power of two)
 * @param offset file offset and length alignment in bytes (a power of two)
 * @param source where the figures come from, for messages: {@code "statx STATX_DIOALIGN"} or the fallback's reason
 */
record DirectAlignment(int memory, int offset, String source) {
    /** The fallback when the kernel or file system does not say. */
    static DirectAlignment fallback(String reason) {
        return new DirectAlignment(AsyncFile.DIRECT_ALIGNMENT, AsyncFile.DIRECT_ALIGNMENT,
            "default " + AsyncFile.DIRECT_ALIGNMENT + ": " + reason);
    }

    /** True when {@code fileOffset} is aligned. */
    boolean allows(long fileOffset) {
        return (fileOffset & (offset - 1)) == 0;
    }

    /** What of a buffer's start and length is misaligned, for a message ("address 0x1001", "length 100"), or null. */
    String misaligned(long address, long length) {
        if ((address & (memory - 1)) != 0) {
            return "address 0x" + Long.toHexString(address);
        }
        return (length & (offset - 1)) != 0 ? "length " + length : null;
    }

    /** The rule, for messages: the alignments and where they come from. */
    String rule() {
        return "O_DIRECT needs buffer addresses aligned to " + memory + " bytes and file offsets and lengths to "
            + offset + " (" + source + ")";
    }

    /** Reads the alignment from a statx buffer that was filled with STATX_DIOALIGN asked for. */
    static DirectAlignment of(MemorySegment statx) {
        if ((Statx.stxMask(statx) & Statx.STATX_DIOALIGN) == 0) {
            return fallback("the kernel or file system does not report STATX_DIOALIGN");
        }
        int memory = Statx.stxDioMemAlign(statx);
        int offset = Statx.stxDioOffsetAlign(statx);
        if (Integer.bitCount(memory) != 1 || Integer.bitCount(offset) != 1) {
            return fallback("statx STATX_DIOALIGN reported " + memory + "/" + offset + " (no O_DIRECT support)");
        }
        return new DirectAlignment(memory, offset, "statx STATX_DIOALIGN");
    }

    /**
     * Reads the alignment of the open descriptor {@code fd} with one statx(2) on the calling thread
     * (the loop's); never fails (a failed statx gives the fallback, naming the errno).
     *
     * <p>Why not through the ring: IORING_OP_STATX always runs on an io-wq worker, so each O_DIRECT
     * open cost a second worker hop and loop round trip, queued behind the fsyncs in flight. A statx
     * of an open descriptor reads the in-memory inode and does not wait for the disk, and
     * AT_STATX_DONT_SYNC keeps a network file system from asking its server. On a RAM-backed ext4,
     * where the runtime's own costs show, 1,000 x 64 KiB O_DIRECT + fsync ran about 2x faster this way
     * (ferry-bench/README.md).
     */
    static DirectAlignment probe(Path path, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment statx = arena.allocate(Statx.SIZE, 8);
            int r = LibC.statx(fd, Statx.EMPTY_PATH.address(),
                FileConstants.AT_EMPTY_PATH | FileConstants.AT_STATX_DONT_SYNC, Statx.STATX_DIOALIGN, statx.address());
            return r < 0 ? fallback("statx " + path + " failed: " + Errno.name(-r)) : of(statx);
        }
    }
}
