package io.ferry.file;

import io.ferry.diagnostics.SlowFileOpEvent;
import io.ferry.spi.FileCallback;
import io.ferry.spi.FileOp;
import io.ferry.linux.Statx;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One single-shot file operation (open, fsync, fdatasync, statx, close): its callback and its
 * future. Completes with the syscall's result (the descriptor for open, the size for statx), or a
 * {@link FileIoException}. It frees the native memory the operation used ({@code arena}) once the
 * kernel is done with it.
 *
 * <p>Threads: {@link #done(long)} on the loop thread.
 */
final class FileCall extends CompletableFuture<Long> implements FileCallback {
    private final FileOp op;
    private final Path path;
    private final Arena arena;
    private final MemorySegment statx;
    private final SlowFileOpEvent timing = SlowFileOpEvent.start();

    /**
     * @param arena native memory to free when done, or null
     * @param statx the statx buffer whose size is the result, or null
     */
    FileCall(FileOp op, Path path, Arena arena, MemorySegment statx) {
        this.op = op;
        this.path = path;
        this.arena = arena;
        this.statx = statx;
    }

    @Override
    public void done(long result) {
        long value = statx != null && result >= 0 ? Statx.stxSize(statx) : result;
        if (arena != null) {
            arena.close();
        }
        if (result < 0) {
            FileIoException e = new FileIoException(op.label(), path, -1, (int) -result);
            SlowFileOpEvent.finish(timing, op.label(), path, 0, e);
            completeExceptionally(e);
        } else {
            SlowFileOpEvent.finish(timing, op.label(), path, 0, null);
            complete(value);
        }
    }
}
