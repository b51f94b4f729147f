package io.ferry.file;

import io.ferry.diagnostics.SlowFileOpEvent;
import io.ferry.spi.FileOp;
import io.ferry.spi.WholeFileWrite;
import io.ferry.buffer.Buf;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One {@link AsyncFile#writeFile} call: the arguments the backend reads, the callback it completes,
 * and the future the caller holds. It keeps a reference to the buffer and the native copy of the path
 * until the backend is done with them.
 *
 * <p>Threads: made and completed on the loop thread; {@link #failedAt} may run on a blocking-pool
 * thread, before the result is posted to the loop.
 */
final class FileWrite extends CompletableFuture<Long> implements WholeFileWrite {
    private final Path path;
    private final int flags;
    private final int mode;
    private final Buf data;
    private final boolean fsync;
    private final Arena arena = Arena.ofConfined();
    private final SlowFileOpEvent timing = SlowFileOpEvent.start();
    private final MemorySegment cpath;
    private FileOp failedStep = FileOp.OPEN;
    private long failedAfter;

    /** Takes its own reference to {@code data}. Loop thread. */
    FileWrite(Path path, int flags, int mode, Buf data, boolean fsync) {
        this.path = path;
        this.flags = flags;
        this.mode = mode;
        this.data = data.retain();
        this.fsync = fsync;
        this.cpath = arena.allocateFrom(path.toString());
    }

    @Override
    public long path() {
        return cpath.address();
    }

    @Override
    public int flags() {
        return flags;
    }

    @Override
    public int mode() {
        return mode;
    }

    @Override
    public long address() {
        return data.address() + data.readIndex();
    }

    @Override
    public long length() {
        return data.readableBytes();
    }

    @Override
    public boolean fsync() {
        return fsync;
    }

    @Override
    public void failedAt(FileOp step, long written) {
        failedStep = step;
        failedAfter = written;
    }

    @Override
    public void done(long result) {
        release();
        if (result >= 0) {
            SlowFileOpEvent.finish(timing, FileOp.WRITE_FILE.label(), path, result, null);
            complete(result);
        } else {
            long offset = failedStep == FileOp.WRITE ? failedAfter : -1;
            FileIoException e = new FileIoException(failedStep.label(), path, offset, (int) -result);
            SlowFileOpEvent.finish(timing, FileOp.WRITE_FILE.label(), path, Math.max(0, failedAfter), e);
            completeExceptionally(e);
        }
    }

    /** Gives back the buffer and the path; also when the backend refused the write. Loop thread. */
    void release() {
        data.release();
        arena.close();
    }
}
