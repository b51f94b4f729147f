package io.ferry.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.LoopThread;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.TestBackends;
import io.ferry.buffer.Buf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The file tests' fixture: one {@link Ferry} with one loop on a given backend, buffers from that
 * loop's pool filled with a position-dependent pattern, and the end-of-test check that every buffer
 * went home, nothing is in flight and no error reached the loop.
 */
final class FileFixture implements AutoCloseable {
    private final Ferry ferry;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    FileFixture(BackendKind kind) throws IOException {
        ferry = Ferry.builder().backend(kind).loops(1).errorHandler(errors::add).build();
    }

    /** Every backend that can run here. */
    static Stream<BackendKind> backends() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO)
            .filter(k -> TestBackends.of(k).availability().available());
    }

    Ferry ferry() {
        return ferry;
    }

    LoopThread loop() {
        return (LoopThread) ferry.loops().get(0);
    }

    AsyncFile open(Path path, OpenOption... options) throws Exception {
        return await(AsyncFile.open(loop(), path, options));
    }

    /**
     * A new file under {@code target/direct-io} (the build directory is on a real disk; a temporary
     * directory may be tmpfs, which refuses O_DIRECT), opened read-write with O_DIRECT; the test is
     * skipped when the file system refuses O_DIRECT.
     */
    AsyncFile openDirect(String prefix) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "direct-io"));
        Path path = Files.createTempFile(dir, prefix, ".bin");
        try {
            return open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, FerryOpenOption.DIRECT);
        } catch (FileIoException e) {
            Files.deleteIfExists(path);
            Assumptions.abort("O_DIRECT unsupported on the file system of " + dir.toAbsolutePath() + ": " + e);
            throw e;
        }
    }

    /** An empty buffer of at least {@code capacity} bytes from the loop's pool. */
    Buf buffer(int capacity) {
        return loop().await(() -> loop().pool().acquire(capacity));
    }

    /** A buffer holding {@code length} pattern bytes that start at file position {@code position}. */
    Buf patterned(int length, long position, int seed) {
        Buf b = buffer(length);
        for (int i = 0; i < length; i++) {
            b.setByte(i, patternByte(position + i, seed));
        }
        return b.writeIndex(length);
    }

    static byte patternByte(long position, int seed) {
        return (byte) ((position * 31 + seed * 7 + (position >>> 12)) % 251);
    }

    static byte[] pattern(int length, long position, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = patternByte(position + i, seed);
        }
        return b;
    }

    /** Waits (30 s at most) and unwraps the failure. */
    static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** The failure {@code f} ends with. */
    static Throwable failure(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no result within 30 s", e);
        }
        throw new AssertionError("expected a failure, got " + f.join());
    }

    /** Runs {@code body} on a fresh virtual thread and returns its result or throws what it threw (30 s at most). */
    static <T> T onVirtualThread(java.util.concurrent.Callable<T> body) throws Exception {
        return onThread(Thread.ofVirtual().name("file-test").factory(), body);
    }

    /** Runs {@code body} on a thread of {@code threads} and waits for its result. */
    static <T> T onThread(java.util.concurrent.ThreadFactory threads, java.util.concurrent.Callable<T> body)
        throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        threads.newThread(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }).start();
        return await(result);
    }

    /**
     * A 64 KiB tmpfs mounted at {@code dir/tiny}, for running out of space; the test is skipped without
     * the rights to mount. Unmount it with {@code run("umount", ...)}.
     */
    static Path mountTinyTmpfs(Path dir) throws Exception {
        Path mount = Files.createDirectory(dir.resolve("tiny"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()),
            "needs root (or CAP_SYS_ADMIN) to mount a 64 KiB tmpfs; skipped");
        return mount;
    }

    /** {@code failure} is the typed ENOSPC of a write to {@code path} on a {@link #mountTinyTmpfs}, at its offset. */
    static void assertNoSpace(Throwable failure, Path path) {
        FileIoException e = assertInstanceOf(FileIoException.class, failure);
        assertEquals(FileIoException.Reason.NO_SPACE, e.reason());
        assertTrue(e.getMessage().startsWith("write " + path + " at offset "), e.getMessage());
        assertTrue(e.getMessage().endsWith("failed: ENOSPC (No space left on device)"), e.getMessage());
        assertTrue(e.offset() > 0 && e.offset() <= 64 * 1024, "offset where space ran out: " + e.offset());
    }

    /** Runs a command (mount, umount ...); true when it exited 0 within 10 s. */
    static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Every buffer back in the pool, nothing in flight, no error on the loop. */
    void assertQuiescent() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (loop().await(() -> loop().pool().stats().inUse()) > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, (int) loop().await(() -> loop().pool().stats().inUse()), "buffers in use");
        assertEquals(0, (int) loop().await(() -> loop().driver().inFlight()), "operations in flight");
        assertEquals(0, (int) loop().await(loop()::openResources), "files still open");
        assertTrue(errors.isEmpty(), "errors on the loop: " + errors);
    }

    @Override
    public void close() {
        ferry.close();
    }
}
