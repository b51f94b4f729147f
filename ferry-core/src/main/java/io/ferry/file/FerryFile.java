package io.ferry.file;

import io.ferry.buffer.Buf;
import io.ferry.loop.EventLoop;
import io.ferry.loop.LoopGroup;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The blocking face of {@link AsyncFile}, for straight-line code on virtual threads: each call
 * starts the operation on the file's loop (the ring on io_uring, the blocking pool elsewhere) and
 * parks the calling thread until its completion arrives, then returns the result or throws the
 * {@link FileIoException} or {@link IOException} itself (never wrapped in an ExecutionException).
 *
 * <pre>{@code
 * try (FerryFile f = FerryFile.open(ferry.loops(), path, WRITE, CREATE)) {
 *     f.write(buf, 0);
 *     f.fsync();
 * }
 * }</pre>
 *
 * <p>Threads: any thread except a Ferry loop thread (parking the loop would wait for itself; that
 * throws {@link IllegalStateException}). Virtual threads park cheaply; platform threads work too.
 * Several threads may use one file at once, as with {@link AsyncFile}.
 *
 * <p>Ownership: as for {@link AsyncFile}: the caller keeps its reference to each buffer and may
 * reuse or release it once the call returned or threw; the file held its own reference until the
 * kernel was done with the memory.
 *
 * <p>Interrupts: a thread interrupted while parked keeps waiting until the operation completed, so
 * the kernel never touches a buffer the caller already got back, then throws
 * {@link InterruptedIOException} with the interrupt status set and
 * {@link InterruptedIOException#bytesTransferred} holding what the operation moved (it is not
 * undone). A thread that is already interrupted when it calls starts nothing and gets the same
 * exception with 0 bytes. The file stays open either way (unlike the JDK's interruptible channels).
 */
public final class FerryFile implements AutoCloseable {
    private final AsyncFile file;

    private FerryFile(AsyncFile file) {
        this.file = file;
    }

    /**
     * Opens {@code path} on the next loop of {@code loops} ({@code ferry.loops()}); options as for
     * {@link AsyncFile#open}.
     *
     * @param loops the runtime's loops
     * @param path the file
     * @param options how to open it; none means READ
     * @return the open file
     * @throws IOException when it fails ({@link FileIoException} naming the path and the errno), or
     *     {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public static FerryFile open(LoopGroup loops, Path path, OpenOption... options) throws IOException {
        return open(loops.next(), path, options);
    }

    /**
     * Opens {@code path} on {@code loop}; options as for {@link AsyncFile#open}.
     *
     * @param loop the loop whose thread runs the file's operations
     * @param path the file
     * @param options how to open it; none means READ
     * @return the open file
     * @throws IOException when it fails ({@link FileIoException} naming the path and the errno), or
     *     {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public static FerryFile open(EventLoop loop, Path path, OpenOption... options) throws IOException {
        checkNotLoop(loop, "open " + path);
        interruptedBefore("open " + path);
        CompletableFuture<AsyncFile> opening = AsyncFile.open(loop, path, options);
        try {
            return new FerryFile(await(opening, "open " + path));
        } catch (InterruptedIOException e) {
            opening.thenAccept(AsyncFile::closeAsync); // opened, but nobody will use it
            throw e;
        }
    }

    /**
     * Writes {@code data}'s readable bytes as the whole content of {@code path}, fsyncs it when
     * {@code fsync}, and closes it, on the next loop of {@code loops}: {@link AsyncFile#writeFile},
     * parking until it is done.
     *
     * @param loops the runtime's loops
     * @param path the file
     * @param data the bytes, its readable ones
     * @param fsync whether to fsync before closing
     * @param options how to open the file; none means WRITE, CREATE, TRUNCATE_EXISTING
     * @return the bytes written
     * @throws IOException when it fails ({@link FileIoException} naming the path and the errno), or
     *     {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public static long writeFile(LoopGroup loops, Path path, Buf data, boolean fsync, OpenOption... options)
        throws IOException {
        EventLoop loop = loops.next();
        String what = "write file " + path;
        checkNotLoop(loop, what);
        interruptedBefore(what);
        return await(AsyncFile.writeFile(loop, path, data, fsync, options), what);
    }

    /**
     * Reads into {@code dst}'s writable space from file {@code offset}.
     *
     * @param dst the buffer; its write index advances by the bytes read
     * @param offset the file offset, at least 0
     * @return the bytes read, 0 at the end of the file
     * @throws IOException when it fails ({@link FileIoException} naming the path and the errno), or
     *     {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public long read(Buf dst, long offset) throws IOException {
        return call(at("read", offset), () -> file.read(dst, offset));
    }

    /**
     * Scattered read filling {@code dsts}' writable space in order.
     *
     * @param dsts 1 to IOV_MAX buffers
     * @param offset the file offset, at least 0
     * @return the bytes read in all, 0 at the end of the file
     * @throws IOException when it fails ({@link FileIoException} naming the path and the errno), or
     *     {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public long read(Buf[] dsts, long offset) throws IOException {
        return call(at("read", offset), () -> file.read(dsts, offset));
    }

    /**
     * Writes {@code src}'s readable bytes at file {@code offset}.
     *
     * @param src the buffer; its read index advances by the bytes written
     * @param offset the file offset, at least 0
     * @return the bytes written: all of them
     * @throws IOException when it fails ({@link FileIoException} naming the path and the errno), or
     *     {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public long write(Buf src, long offset) throws IOException {
        return call(at("write", offset), () -> file.write(src, offset));
    }

    /**
     * Gathered write of every buffer's readable bytes, in order, at file {@code offset}.
     *
     * @param srcs 1 to IOV_MAX buffers
     * @param offset the file offset, at least 0
     * @return the bytes written in all
     * @throws IOException when it fails ({@link FileIoException} naming the path and the errno), or
     *     {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public long write(Buf[] srcs, long offset) throws IOException {
        return call(at("write", offset), () -> file.write(srcs, offset));
    }

    /**
     * fsync(2): data and metadata on stable storage.
     *
     * @throws IOException when it fails ({@link FileIoException} naming the path and the errno), or
     *     {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public void fsync() throws IOException {
        call("fsync " + file.path(), file::fsync);
    }

    /**
     * fdatasync(2): data (and the metadata needed to read it) on stable storage.
     *
     * @throws IOException when it fails ({@link FileIoException} naming the path and the errno), or
     *     {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public void fdatasync() throws IOException {
        call("fdatasync " + file.path(), file::fdatasync);
    }

    /**
     * The file's size (statx).
     *
     * @return the size in bytes
     * @throws IOException when it fails ({@link FileIoException} naming the path and the errno), or
     *     {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public long size() throws IOException {
        return call("size " + file.path(), file::size);
    }

    /**
     * Closes the file once operations already started completed. Idempotent. An interrupt does not
     * stop it: it waits for the close, keeps the interrupt status and returns normally.
     */
    @Override
    public void close() throws IOException {
        String what = "close " + file.path();
        checkNotLoop(file.loop(), what);
        await(file.closeAsync(), what, false);
    }

    /**
     * The asynchronous file underneath, for mixing both styles.
     *
     * @return the same file
     */
    public AsyncFile async() {
        return file;
    }

    /**
     * The file as opened.
     *
     * @return the path given to {@code open}
     */
    public Path path() {
        return file.path();
    }

    private String at(String op, long offset) {
        return op + " " + file.path() + " at offset " + offset;
    }

    /** Starts an operation (unless on the loop, or already interrupted) and parks until it completes. */
    private <T> T call(String what, Supplier<CompletableFuture<T>> start) throws IOException {
        checkNotLoop(file.loop(), what);
        interruptedBefore(what);
        return await(start.get(), what);
    }

    private static void checkNotLoop(EventLoop loop, String what) {
        if (loop.inLoop()) {
            throw new IllegalStateException(what + ": FerryFile blocks, and this is the file's loop thread;"
                + " use AsyncFile there");
        }
    }

    private static void interruptedBefore(String what) throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException(what + " not started: the thread is interrupted");
        }
    }

    private static <T> T await(CompletableFuture<T> f, String what) throws IOException {
        return await(f, what, true);
    }

    /**
     * Parks until {@code f} completes, even across interrupts (the kernel may still use the caller's
     * buffers until then); then throws the failure unwrapped, or, when interrupted meanwhile and
     * {@code reportInterrupt}, an InterruptedIOException. The interrupt status is kept.
     */
    private static <T> T await(CompletableFuture<T> f, String what, boolean reportInterrupt) throws IOException {
        boolean interrupted = false;
        T value = null;
        Throwable failure = null;
        while (true) {
            try {
                value = f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                failure = e.getCause();
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw unwrap(failure, what);
        }
        if (interrupted && reportInterrupt) {
            long moved = value instanceof Long n ? n : 0;
            InterruptedIOException e = new InterruptedIOException(what + " interrupted; it completed first"
                + (value instanceof Long ? " and moved " + moved + " bytes" : ""));
            e.bytesTransferred = (int) Math.min(moved, Integer.MAX_VALUE);
            throw e;
        }
        return value;
    }

    private static IOException unwrap(Throwable cause, String what) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException re) {
            throw re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IOException(what + " failed", cause);
    }
}
