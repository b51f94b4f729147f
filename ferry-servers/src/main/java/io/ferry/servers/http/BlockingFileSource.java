package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import io.ferry.loop.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * A {@link FileSource} that reads with blocking {@link FileChannel} calls on a virtual thread, then
 * copies the bytes into a pooled buffer on the loop. Stands in until the loop's asynchronous file API
 * is wired in; it costs a heap copy per file.
 *
 * <p>Threads: {@link #read} on the loop thread; the future completes there.
 */
public final class BlockingFileSource implements FileSource {
    @Override
    public CompletableFuture<Buf> read(EventLoop loop, Path root, Path file, int maxBytes) {
        CompletableFuture<Buf> result = new CompletableFuture<>();
        Thread.ofVirtual().name("ferry-file-read").start(() -> {
            byte[] bytes;
            try {
                bytes = readAll(root, file, maxBytes);
            } catch (IOException | RuntimeException e) {
                completeOnLoop(loop, result, () -> result.completeExceptionally(e));
                return;
            }
            completeOnLoop(loop, result, () -> {
                Buf buf = loop.pool().acquire(Math.max(1, bytes.length));
                buf.writeBytes(bytes);
                result.complete(buf);
            });
        });
        return result;
    }

    private static void completeOnLoop(EventLoop loop, CompletableFuture<Buf> result, Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e); // the loop is gone: nobody on it waits any more
        }
    }

    private static byte[] readAll(Path root, Path file, int maxBytes) throws IOException {
        Path real = file.toRealPath();
        if (!real.startsWith(root.toRealPath())) {
            throw new AccessDeniedException(file.toString(), null, "its real path " + real + " leaves the root");
        }
        if (!Files.isRegularFile(real)) {
            throw new AccessDeniedException(file.toString(), null, "not a regular file");
        }
        try (FileChannel ch = FileChannel.open(real, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > maxBytes) {
                throw new IOException("read of " + file + " refused: " + size + " bytes exceed the limit of "
                    + maxBytes);
            }
            ByteBuffer bb = ByteBuffer.allocate((int) size);
            while (bb.hasRemaining() && ch.read(bb, bb.position()) >= 0) {
                // FileChannel.read at a position may return short counts
            }
            if (bb.hasRemaining()) {
                throw new IOException("read of " + file + " ended early at " + bb.position() + " of " + size
                    + " bytes");
            }
            return bb.array();
        }
    }
}
