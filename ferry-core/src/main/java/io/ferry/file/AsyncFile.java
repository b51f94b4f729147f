package io.ferry.file;

import io.ferry.spi.FileCallback;
import io.ferry.spi.FileIo;
import io.ferry.spi.FileOp;
import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.linux.FileConstants;
import io.ferry.linux.IoVec;
import io.ferry.linux.Statx;
import io.ferry.loop.EventLoop;
import io.ferry.spi.LoopContext;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * An open file bound to one event loop: positional reads and writes from and into {@link Buf}s,
 * single or vectored, plus fsync, fdatasync, size and close. Every result completes a future on the
 * loop thread. On io_uring the operations go to the loop's ring (many files in flight from one
 * thread); elsewhere a bounded blocking pool runs them. The file does not know which.
 *
 * <pre>{@code
 * AsyncFile.open(loop, path, WRITE, CREATE).thenCompose(f -> f.write(buf, 0).thenCompose(n -> f.closeAsync()));
 * }</pre>
 *
 * <p>Reads and writes continue after short transfers until every byte moved, or a read reached the
 * end of the file; the future holds the byte count. A read fills each buffer from its write index
 * up to its capacity and advances the write index; a write sends each buffer's readable bytes and
 * leaves its indexes alone. Failures are {@link FileIoException}s naming the operation, the file and
 * the offset. Operations run concurrently: order two writes, or a write and an fsync, by waiting
 * for the first.
 *
 * <p>Ownership: the file holds its own reference to each buffer until the operation's future
 * completes; the caller keeps its reference, must not touch the buffer's contents or indexes until
 * then, and releases it as usual.
 *
 * <p>Threads: every method may be called from any thread; work hops onto the loop. Futures complete
 * on the loop thread, so their dependent actions run there unless given an executor.
 *
 * <p>Note: with {@link FerryOpenOption#DIRECT}, misaligned requests throw
 * {@link IllegalArgumentException} at once instead of failing in the kernel with EINVAL. The
 * alignment is the file system's own, read with statx STATX_DIOALIGN when the file is opened (Linux
 * 6.1+; {@link #directMemoryAlignment()}, {@link #directOffsetAlignment()}), or
 * {@link #DIRECT_ALIGNMENT} when the kernel or file system does not report it.
 */
public final class AsyncFile implements AutoCloseable {
    /** O_DIRECT alignment (addresses, offsets, lengths) assumed when the file system does not report its own. */
    public static final int DIRECT_ALIGNMENT = BufferPool.PAGE_SIZE;
    private static final int CREATE_MODE = 0644;

    private final LoopContext loop;
    private final FileIo io;
    private final Path path;
    private final int fd;
    private final DirectAlignment alignment;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private int active;
    private boolean closing;
    private boolean closeSubmitted;

    /** @param alignment the O_DIRECT alignment, or null when not opened with O_DIRECT */
    private AsyncFile(LoopContext loop, FileIo io, Path path, int fd, DirectAlignment alignment) {
        this.loop = loop;
        this.io = io;
        this.path = path;
        this.fd = fd;
        this.alignment = alignment;
    }

    /**
     * Opens {@code path} on {@code loop} (through the ring on io_uring). Options as for
     * {@code FileChannel.open} (READ, WRITE, APPEND, CREATE, CREATE_NEW, TRUNCATE_EXISTING, DSYNC,
     * SYNC, NOFOLLOW_LINKS) plus {@link FerryOpenOption#DIRECT}; new files get mode 0644.
     *
     * @param on the loop whose thread runs the file's operations and completions
     * @param path the file
     * @param options how to open it; none means READ
     * @return completes with the open file, or fails with a {@link FileIoException} ("open PATH failed: ENOENT ...")
     * @throws UnsupportedOperationException for an option Ferry does not support
     */
    public static CompletableFuture<AsyncFile> open(EventLoop on, Path path, OpenOption... options) {
        LoopContext loop = runtimeLoop(on);
        int flags = OpenFlags.of(path, options);
        boolean direct = (flags & FileConstants.O_DIRECT) != 0;
        CompletableFuture<AsyncFile> result = new CompletableFuture<>();
        onLoop(loop, () -> {
            FileIo io = loop.driver().files();
            Arena arena = Arena.ofConfined();
            MemorySegment cpath = arena.allocateFrom(path.toString());
            FileCall call = new FileCall(FileOp.OPEN, path, arena, null);
            if (!io.open(cpath.address(), flags, CREATE_MODE, call)) {
                arena.close();
                result.completeExceptionally(rejected(io, FileOp.OPEN, path, -1));
                return;
            }
            call.whenComplete((fd, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    DirectAlignment a = direct ? DirectAlignment.probe(path, fd.intValue()) : null;
                    opened(new AsyncFile(loop, io, path, fd.intValue(), a), result);
                }
            });
        });
        return result;
    }

    /**
     * Writes {@code data}'s readable bytes as the content of {@code path} from offset 0, fsyncs it when
     * {@code fsync}, and closes it: {@code Files.write} for a loop, one call per file. With no options
     * the file is opened WRITE, CREATE, TRUNCATE_EXISTING; otherwise as for {@link #open}, with WRITE or
     * APPEND among them. On io_uring the steps go to the ring as one linked chain (openat into a direct
     * descriptor, write, fsync, close) that the kernel runs one after the other without the loop in
     * between; on the blocking pool they run as one task. Short writes are continued; after a failed
     * write or fsync the file is still closed, and the file may hold part of the bytes.
     *
     * <p>The call holds its own reference to {@code data} until the future completes; the caller keeps
     * its reference and must not change the bytes meanwhile.
     *
     * @param on the loop whose thread runs the write
     * @param path the file
     * @param data the bytes, its readable ones
     * @param fsync whether to fsync before closing
     * @param options how to open the file; none means WRITE, CREATE, TRUNCATE_EXISTING
     * @return completes on the loop thread with the bytes written, or fails with a {@link FileIoException}
     *     naming the step that failed ({@code "write /x/y at offset 4096 failed: ENOSPC ..."}), or a
     *     RejectedExecutionException when the loop's file queue is full
     * @throws IllegalArgumentException without write access, or with {@link FerryOpenOption#DIRECT} when
     *     the buffer's address or length is not a multiple of {@link #DIRECT_ALIGNMENT} (there is no open
     *     file yet to ask the file system for its own alignment)
     * @throws UnsupportedOperationException for an option Ferry does not support
     */
    public static CompletableFuture<Long> writeFile(EventLoop on, Path path, Buf data, boolean fsync,
                                                    OpenOption... options) {
        LoopContext loop = runtimeLoop(on);
        int flags = options.length == 0
            ? OpenFlags.of(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)
            : OpenFlags.of(path, options);
        if ((flags & FileConstants.O_ACCMODE) == FileConstants.O_RDONLY) {
            throw new IllegalArgumentException("writeFile " + path + ": the options must include WRITE or APPEND");
        }
        if ((flags & FileConstants.O_DIRECT) != 0) {
            DirectAlignment a = DirectAlignment.fallback("no open file yet to ask the file system");
            String what = a.misaligned(data.address() + data.readIndex(), data.readableBytes());
            if (what != null) {
                throw new IllegalArgumentException("writeFile " + path + ": " + a.rule() + "; buffer " + what
                    + " is not");
            }
        }
        CompletableFuture<Long> result = new CompletableFuture<>();
        onLoop(loop, () -> {
            FileIo io = loop.driver().files();
            FileWrite write = new FileWrite(path, flags, CREATE_MODE, data, fsync);
            if (io.writeFile(write)) {
                write.whenComplete((n, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(n);
                    }
                });
            } else {
                write.release();
                result.completeExceptionally(rejected(io, FileOp.WRITE_FILE, path, -1));
            }
        });
        return result;
    }

    private static void opened(AsyncFile f, CompletableFuture<AsyncFile> result) {
        f.loop.track(f);
        result.complete(f);
    }

    /**
     * Reads into {@code dst}'s writable space from file {@code offset} (pread / IORING_OP_READ).
     *
     * @param dst the buffer; its write index advances by the bytes read
     * @param offset the file offset, at least 0
     * @return completes on the loop thread with the bytes read (fewer than asked near the end, 0 at the end)
     */
    public CompletableFuture<Long> read(Buf dst, long offset) {
        return transfer(false, new Buf[] {dst}, offset);
    }

    /**
     * Scattered read (preadv / IORING_OP_READV) filling {@code dsts}' writable space in order.
     *
     * @param dsts 1 to IOV_MAX buffers; each write index advances by what it received
     * @param offset the file offset, at least 0
     * @return completes on the loop thread with the bytes read in all (0 at the end of the file)
     */
    public CompletableFuture<Long> read(Buf[] dsts, long offset) {
        return transfer(false, dsts.clone(), offset);
    }

    /**
     * Writes {@code src}'s readable bytes at file {@code offset} (pwrite / IORING_OP_WRITE); a short write
     * is continued until every byte is written or an error occurs.
     *
     * @param src the buffer; its read index advances by the bytes written
     * @param offset the file offset, at least 0
     * @return completes on the loop thread with the bytes written
     */
    public CompletableFuture<Long> write(Buf src, long offset) {
        return transfer(true, new Buf[] {src}, offset);
    }

    /**
     * Gathered write (pwritev / IORING_OP_WRITEV) of every buffer's readable bytes, in order.
     *
     * @param srcs 1 to IOV_MAX buffers; each read index advances by what was written from it
     * @param offset the file offset, at least 0
     * @return completes on the loop thread with the bytes written in all
     */
    public CompletableFuture<Long> write(Buf[] srcs, long offset) {
        return transfer(true, srcs.clone(), offset);
    }

    private CompletableFuture<Long> transfer(boolean write, Buf[] bufs, long offset) {
        if (bufs.length == 0 || bufs.length > IoVec.IOV_MAX || offset < 0) {
            throw new IllegalArgumentException((write ? "write " : "read ") + path + ": need 1 to " + IoVec.IOV_MAX
                + " buffers and an offset >= 0, got " + bufs.length + " buffers at offset " + offset);
        }
        Transfer t = new Transfer(this, write, bufs, offset);
        if (alignment != null) {
            checkAligned(t, bufs, offset);
        }
        if (loop.inLoop()) {
            t.start();
        } else {
            loop.execute(t::start);
        }
        return t;
    }

    private void checkAligned(Transfer t, Buf[] bufs, long offset) {
        String what = alignment.allows(offset) ? null : "offset " + offset;
        for (int i = 0; i < bufs.length && what == null; i++) {
            String m = alignment.misaligned(t.start(bufs[i]), t.length(bufs[i]));
            what = m == null ? null : "buffer " + i + " " + m;
        }
        if (what != null) {
            throw new IllegalArgumentException(t.op().label() + " " + path + " at offset " + offset + ": "
                + alignment.rule() + "; " + what + " is not");
        }
    }

    /**
     * fsync(2): data and metadata on stable storage.
     *
     * @return completes after the writes completed before it are durable
     */
    public CompletableFuture<Void> fsync() {
        return simple(FileOp.FSYNC).thenRun(() -> { });
    }

    /**
     * fdatasync(2): data (and the metadata needed to read it) on stable storage.
     *
     * @return completes after the writes completed before it are durable
     */
    public CompletableFuture<Void> fdatasync() {
        return simple(FileOp.FDATASYNC).thenRun(() -> { });
    }

    /**
     * The file's size (statx).
     *
     * @return completes with the size in bytes
     */
    public CompletableFuture<Long> size() {
        return simple(FileOp.STATX);
    }

    private FileCall simple(FileOp op) {
        Arena arena = op == FileOp.STATX ? Arena.ofShared() : null;
        MemorySegment statx = arena == null ? null : arena.allocate(Statx.SIZE, 8);
        FileCall call = new FileCall(op, path, arena, statx);
        onLoop(loop, () -> {
            if (closing) {
                call.completeExceptionally(closedError(op, -1));
                return;
            }
            begin();
            call.whenComplete((r, e) -> end());
            boolean accepted = switch (op) {
                case FSYNC -> io.fsync(fd, call);
                case FDATASYNC -> io.fdatasync(fd, call);
                case STATX -> io.statx(fd, statx.address(), call);
                default -> throw new IllegalArgumentException(op.label() + " is not a single-shot call");
            };
            if (!accepted) {
                call.completeExceptionally(rejected(op, -1));
            }
        });
        return call;
    }

    /**
     * Closes the descriptor once the operations already started have completed; later operations
     * fail. Idempotent.
     *
     * @return completes when the descriptor is closed
     */
    public CompletableFuture<Void> closeAsync() {
        onLoop(loop, () -> {
            closing = true;
            closeIfIdle();
        });
        return closed;
    }

    /** {@link #closeAsync()}, waiting for it unless called on the loop thread. */
    @Override
    public void close() throws IOException {
        CompletableFuture<Void> f = closeAsync();
        if (loop.inLoop()) {
            return;
        }
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("close " + path, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("close " + path + " interrupted", e);
        }
    }

    private void closeIfIdle() {
        if (!closing || closeSubmitted || active > 0) {
            return;
        }
        closeSubmitted = true;
        FileCallback done = r -> {
            loop.untrack(this);
            if (r < 0) {
                closed.completeExceptionally(new FileIoException("close", path, -1, (int) -r));
            } else {
                closed.complete(null);
            }
        };
        if (!io.close(fd, done)) {
            loop.execute(() -> {
                closeSubmitted = false;
                closeIfIdle(); // the pool's queue is full: try again after the queued work
            });
        }
    }

    // ---- for Transfer -----------------------------------------------------------------------

    FileIo io() {
        return io;
    }

    int fd() {
        return fd;
    }

    void begin() {
        active++;
    }

    void end() {
        active--;
        closeIfIdle();
    }

    boolean isClosing() {
        return closing;
    }

    IOException closedError(FileOp op, long offset) {
        return new IOException(op.label() + " " + path + (offset >= 0 ? " at offset " + offset : "")
            + ": the file is closed");
    }

    RejectedExecutionException rejected(FileOp op, long offset) {
        return rejected(io, op, path, offset);
    }

    private static RejectedExecutionException rejected(FileIo io, FileOp op, Path path, long offset) {
        return new RejectedExecutionException(op.label() + " " + path + (offset >= 0 ? " at offset " + offset : "")
            + ": the " + io.describe() + " is full; retry after earlier operations complete");
    }

    /** Files run on a Ferry loop; the public {@link EventLoop} of one is the runtime's loop. */
    private static LoopContext runtimeLoop(EventLoop loop) {
        if (loop instanceof LoopContext context) {
            return context;
        }
        throw new IllegalArgumentException("not a Ferry loop (take one from Ferry.loops()): " + loop);
    }

    private static void onLoop(EventLoop loop, Runnable task) {
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    // ---- accessors --------------------------------------------------------------------------

    /**
     * The file as opened.
     *
     * @return the path given to {@link #open}
     */
    public Path path() {
        return path;
    }

    /**
     * The loop this file's operations and completions run on.
     *
     * @return the loop given to {@link #open}
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Whether the file bypasses the page cache.
     *
     * @return true when opened with {@link FerryOpenOption#DIRECT}
     */
    public boolean isDirect() {
        return alignment != null;
    }

    /**
     * The buffer address alignment O_DIRECT needs for this file.
     *
     * @return the alignment in bytes; 1 when not opened with DIRECT
     */
    public int directMemoryAlignment() {
        return alignment == null ? 1 : alignment.memory();
    }

    /**
     * The file offset and length alignment O_DIRECT needs for this file.
     *
     * @return the alignment in bytes; 1 when not opened with DIRECT
     */
    public int directOffsetAlignment() {
        return alignment == null ? 1 : alignment.offset();
    }

    /**
     * Which path runs this file's operations, for people.
     *
     * @return e.g. {@code "io_uring native"} or {@code "blocking pool (64 threads, queue 4096)"}
     */
    public String ioPath() {
        return io.describe();
    }
}
