package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldWriteWholeFilesTest {
    private static final int[] SIZES = {0, 1, 4095, 4096, 1 << 20};
    private static final int MANY = 300;

    // Purpose: writeFile creates or truncates the file, writes every byte, optionally fsyncs, and closes
    // it, on every backend; the caller's buffer is untouched and still the caller's.
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRoundTripSizes(BackendKind kind, @TempDir Path dir) throws Exception {
        try (FileFixture fx = new FileFixture(kind)) {
            for (int size : SIZES) {
                for (boolean fsync : new boolean[] {false, true}) {
                    Path path = dir.resolve("f-" + size + "-" + fsync);
                    Files.write(path, new byte[size + 100]); // longer than what follows: it must be truncated
                    Buf data = fx.patterned(size, 0, size);
                    long n = FileFixture.await(AsyncFile.writeFile(fx.loop(), path, data, fsync));
                    assertEquals(size, n, path.toString());
                    assertEquals(size, data.readableBytes(), "the caller's buffer is left as it was");
                    data.release();
                    assertArrayEquals(FileFixture.pattern(size, 0, size), Files.readAllBytes(path), path.toString());
                }
            }
            fx.assertQuiescent();
        }
    }

    // Purpose: more whole-file writes at once than the loop's in-flight bound (256) all complete, each file
    // with its own content.
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldWriteManyFilesAtOnce(BackendKind kind, @TempDir Path dir) throws Exception {
        try (FileFixture fx = new FileFixture(kind)) {
            List<Buf> bufs = new ArrayList<>();
            List<CompletableFuture<Long>> writes = new ArrayList<>();
            for (int i = 0; i < MANY; i++) {
                Buf b = fx.patterned(8192 + i, 0, i);
                bufs.add(b);
                writes.add(AsyncFile.writeFile(fx.loop(), dir.resolve("m" + i), b, i % 2 == 0));
            }
            for (int i = 0; i < MANY; i++) {
                assertEquals(8192 + i, FileFixture.await(writes.get(i)));
                assertArrayEquals(FileFixture.pattern(8192 + i, 0, i), Files.readAllBytes(dir.resolve("m" + i)));
            }
            bufs.forEach(Buf::release);
            fx.assertQuiescent();
        }
    }

    // Purpose: each step's failure is typed and names the step and the file: a missing directory and a
    // directory in place of the file fail the open, CREATE_NEW on an existing file too; options without
    // write access are refused before anything runs.
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportWhichStepFailed(BackendKind kind, @TempDir Path dir) throws Exception {
        try (FileFixture fx = new FileFixture(kind)) {
            Buf data = fx.patterned(100, 0, 1);
            Path missing = dir.resolve("no-such-dir").resolve("f");
            FileIoException e = assertInstanceOf(FileIoException.class,
                FileFixture.failure(AsyncFile.writeFile(fx.loop(), missing, data, true)));
            assertEquals(FileIoException.Reason.NOT_FOUND, e.reason());
            assertTrue(e.getMessage().startsWith("open " + missing + " failed: ENOENT"), e.getMessage());
            e = assertInstanceOf(FileIoException.class, FileFixture.failure(AsyncFile.writeFile(fx.loop(), dir, data,
                false)));
            assertEquals(FileIoException.Reason.IS_DIRECTORY, e.reason());
            Path existing = Files.writeString(dir.resolve("existing"), "keep me");
            e = assertInstanceOf(FileIoException.class, FileFixture.failure(AsyncFile.writeFile(fx.loop(), existing,
                data, false, WRITE, CREATE_NEW)));
            assertTrue(e.getMessage().startsWith("open " + existing + " failed: EEXIST"), e.getMessage());
            assertEquals("keep me", Files.readString(existing));
            String msg = assertThrows(IllegalArgumentException.class,
                () -> AsyncFile.writeFile(fx.loop(), existing, data, false, java.nio.file.StandardOpenOption.READ))
                .getMessage();
            assertTrue(msg.contains("WRITE or APPEND"), msg);
            data.release();
            fx.assertQuiescent();
        }
    }

    // Purpose: running out of space fails the write step with ENOSPC at the offset where space ran out,
    // after the first short write was continued, and the file is closed all the same (the file system
    // then unmounts: nothing holds it open).
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCloseAfterNoSpace(BackendKind kind, @TempDir Path dir) throws Exception {
        Path mount = FileFixture.mountTinyTmpfs(dir);
        boolean mounted = true;
        try (FileFixture fx = new FileFixture(kind)) {
            Path path = mount.resolve("big");
            Buf data = fx.patterned(1 << 20, 0, 1);
            FileFixture.assertNoSpace(FileFixture.failure(AsyncFile.writeFile(fx.loop(), path, data, true)), path);
            data.release();
            fx.assertQuiescent();
            mounted = !FileFixture.run("umount", mount.toString());
            assertTrue(!mounted, "the tmpfs unmounts: the file was closed");
        } finally {
            if (mounted) {
                FileFixture.run("umount", mount.toString());
            }
        }
    }

    // Purpose: with O_DIRECT, a page-aligned buffer of whole pages is written past the page cache, and a
    // misaligned length is refused at once.
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldWriteDirectAndRefuseMisaligned(BackendKind kind) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "direct-io"));
        Path path = dir.resolve("whole-" + kind.label() + ".bin");
        try (FileFixture fx = new FileFixture(kind)) {
            Buf data = fx.patterned(64 * 1024, 0, 3);
            try {
                long n = FileFixture.await(AsyncFile.writeFile(fx.loop(), path, data, true, WRITE,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                    FerryOpenOption.DIRECT));
                assertEquals(64 * 1024, n);
            } catch (FileIoException e) {
                Assumptions.abort("O_DIRECT unsupported on the file system of " + dir.toAbsolutePath() + ": " + e);
            }
            assertArrayEquals(FileFixture.pattern(64 * 1024, 0, 3), Files.readAllBytes(path));
            Buf odd = fx.patterned(4096 + 512, 0, 3);
            String msg = assertThrows(IllegalArgumentException.class, () -> AsyncFile.writeFile(fx.loop(), path, odd,
                false, WRITE, FerryOpenOption.DIRECT)).getMessage();
            assertTrue(msg.contains("aligned to 4096") && msg.contains("length 4608"), msg);
            odd.release();
            data.release();
            fx.assertQuiescent();
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
