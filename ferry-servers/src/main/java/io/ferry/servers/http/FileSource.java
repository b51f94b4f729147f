package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import io.ferry.file.AsyncFile;
import io.ferry.file.FileIoException;
import io.ferry.loop.EventLoop;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opens the files {@code GET /files/<name>} serves, through the asynchronous file API: a file is
 * served only when its real path (after symlinks) stays inside the root and it is a regular file;
 * it is then opened read-only (without following a link swapped in since the check) on the
 * connection's loop and its size taken, and the caller streams it with {@link AsyncFile#read}.
 *
 * <p>Threads: {@link #open} from any thread; its future completes on the loop's thread. The
 * real-path and file-type checks are metadata calls made on the calling thread (a loop thread in
 * handler style: a short block on the page-cached inode; a connection's virtual thread in blocking
 * style). Note: handing them to a virtual thread from the loop was tried and left the first request
 * of a fresh io_uring server unanswered about once in 20-60 starts (cause not found), so it is not
 * done.
 */
public final class FileSource {
    /** An open file and its size; whoever receives it closes the file. */
    public record Opened(AsyncFile file, long size) {
    }

    private final Path root;

    /** Serves files under {@code root}. */
    public FileSource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The directory served from (absolute, normalized). */
    public Path root() {
        return root;
    }

    /**
     * Opens {@code file} (under {@link #root()}, e.g. from {@link FilePaths#resolve}) on {@code loop}.
     *
     * @return completes on {@code loop}'s thread (whichever thread calls this) with the open file, or with
     *     {@link NoSuchFileException} (404), {@link AccessDeniedException} (403: not a regular file, or its
     *     real path leaves the root), a {@link FileIoException} from the open or the size, or an
     *     {@link IOException} when the file is larger than {@code maxBytes}; every message names the file
     */
    public CompletableFuture<Opened> open(EventLoop loop, Path file, long maxBytes) {
        CompletableFuture<Opened> result = new CompletableFuture<>();
        try {
            Path real = check(file);
            AsyncFile.open(loop, real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)
                .whenCompleteAsync((f, e) -> {
                    if (e != null) {
                        result.completeExceptionally(unwrap(e));
                    } else {
                        sized(f, maxBytes, result, loop);
                    }
                }, loop);
        } catch (IOException | RuntimeException e) {
            failOnLoop(loop, result, e);
        }
        return result;
    }

    /** The HTTP status for a failed {@link #open}: 404, 403, or 500 for anything else. */
    public static int status(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof NoSuchFileException
            || e instanceof FileIoException f && f.reason() == FileIoException.Reason.NOT_FOUND) {
            return 404;
        }
        if (e instanceof AccessDeniedException
            || e instanceof FileIoException f && f.reason() == FileIoException.Reason.ACCESS_DENIED) {
            return 403;
        }
        return 500;
    }

    /** The cause of a {@link CompletionException}, else {@code error} itself. */
    public static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * Trims a chunk just read (into an empty buffer) to the {@code left} bytes the response head still
     * owes; false when the file ended early, having shrunk since its size was taken.
     */
    static boolean trimChunk(Buf chunk, long left) {
        int got = chunk.readableBytes();
        if (got < Math.min(left, chunk.capacity())) {
            return false;
        }
        if (got > left) {
            chunk.writeIndex(chunk.readIndex() + (int) left); // the file grew: send what the head announced
        }
        return true;
    }

    /** The error for a file response cut short at {@code offset} of {@code size}, naming the file and the peer. */
    static IOException cutShort(AsyncFile file, Object peer, long offset, long size, Throwable cause) {
        String why = cause != null ? unwrap(cause).getMessage() : "the file ended before the " + size
            + " bytes announced";
        return new IOException("GET /files: sending " + file.path() + " on " + peer + " failed at offset " + offset
            + ": " + why, cause == null ? null : unwrap(cause));
    }

    private Path check(Path file) throws IOException {
        Path real = file.toRealPath();
        Path realRoot = root.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new AccessDeniedException(file.toString(), null, "its real path " + real + " leaves the root");
        }
        if (!Files.readAttributes(real, BasicFileAttributes.class).isRegularFile()) {
            throw new AccessDeniedException(file.toString(), null, "not a regular file");
        }
        return real;
    }

    private static void sized(AsyncFile f, long maxBytes, CompletableFuture<Opened> result, EventLoop loop) {
        f.size().whenCompleteAsync((size, e) -> {
            if (e == null && size <= maxBytes) {
                result.complete(new Opened(f, size));
                return;
            }
            f.closeAsync();
            result.completeExceptionally(e != null ? unwrap(e) : new IOException("GET " + f.path() + " refused: "
                + size + " bytes exceed the limit of " + maxBytes));
        }, loop);
    }

    private static void failOnLoop(EventLoop loop, CompletableFuture<Opened> result, Throwable e) {
        if (loop.inLoop()) {
            result.completeExceptionally(e);
            return;
        }
        try {
            loop.execute(() -> result.completeExceptionally(e));
        } catch (RejectedExecutionException stopped) {
            e.addSuppressed(stopped);
            result.completeExceptionally(e); // the loop is gone: nobody on it waits any more
        }
    }
}
