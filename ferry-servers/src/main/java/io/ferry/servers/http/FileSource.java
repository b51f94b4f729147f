package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import io.ferry.loop.EventLoop;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Where {@code GET /files/<name>} gets its bytes: reads a whole file without blocking the loop.
 *
 * <p>Threads: {@link #read} is called on {@code loop}'s thread, and the future completes on it.
 */
public interface FileSource {
    /**
     * Reads the regular file {@code file} (inside {@code root}).
     *
     * @return completes on {@code loop}'s thread with a buffer from {@code loop}'s pool holding the file's
     *     bytes (the caller owns it and must release it), or with {@link java.nio.file.NoSuchFileException}
     *     (404), {@link java.nio.file.AccessDeniedException} (403: unreadable, not a regular file, or its
     *     real path leaves {@code root}), or another {@link java.io.IOException} (500, e.g. larger than
     *     {@code maxBytes}); every message names the file
     */
    CompletableFuture<Buf> read(EventLoop loop, Path root, Path file, int maxBytes);
}
