package io.ferry.file;

import io.ferry.backend.FileIo;
import io.ferry.backend.FileOp;
import io.ferry.linux.Errno;
import io.ferry.linux.Statx;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

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
     * Asks {@code io} for the alignment of the open descriptor {@code fd}; never fails (a failed
     * statx gives the fallback, naming the errno). Loop thread.
     */
    static CompletableFuture<DirectAlignment> probe(FileIo io, Path path, int fd) {
        CompletableFuture<DirectAlignment> result = new CompletableFuture<>();
        Arena arena = Arena.ofShared();
        MemorySegment statx = arena.allocate(Statx.SIZE, 8);
        boolean queued = io.submit(FileOp.STATX, fd, statx.address(), 0, 0, r -> {
            result.complete(r < 0 ? fallback("statx " + path + " failed: " + Errno.name((int) -r)) : of(statx));
            arena.close();
        });
        if (!queued) {
            arena.close();
            result.complete(fallback("statx " + path + " not run: the " + io.describe() + " is full"));
        }
        return result;
    }
}
