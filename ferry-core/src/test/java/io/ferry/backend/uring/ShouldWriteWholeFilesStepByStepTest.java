package io.ferry.backend.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.LoopThread;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.file.AsyncFile;
import io.ferry.file.FileIoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ShouldWriteWholeFilesStepByStepTest {
    private static final int FILES = 300;

    // Purpose: where the ring's direct-descriptor table cannot be registered, whole-file writes run their
    // steps one at a time with ordinary descriptors, with the same results and failures as the linked chains.
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldWriteWithoutLinkedChains(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(new UringBackend().availability().available(), "io_uring unavailable here");
        try (Ferry ferry = Ferry.builder().backend(BackendKind.URING).loops(1).build()) {
            LoopThread loop = (LoopThread) ferry.loops().get(0);
            UringFiles files = (UringFiles) loop.driver().files();
            loop.await(() -> {
                files.wholeFilesStepByStep();
                return null;
            });
            assertTrue(files.describe().contains("step by step"), files.describe());
            List<Buf> bufs = new ArrayList<>();
            List<CompletableFuture<Long>> writes = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                int size = i == 0 ? 0 : 1000 + i * 37;
                int seed = i;
                Buf b = loop.await(() -> fill(loop.pool().acquire(Math.max(size, 1)), size, seed));
                bufs.add(b);
                writes.add(AsyncFile.writeFile(loop, dir.resolve("s" + i), b, i % 3 == 0));
            }
            for (int i = 0; i < FILES; i++) {
                int size = i == 0 ? 0 : 1000 + i * 37;
                assertEquals(size, writes.get(i).get(10, TimeUnit.SECONDS));
                assertArrayEquals(expected(size, i), Files.readAllBytes(dir.resolve("s" + i)));
            }
            Path missing = dir.resolve("none").resolve("f");
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> AsyncFile.writeFile(loop, missing, bufs.get(1), true).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof FileIoException f && f.reason() == FileIoException.Reason.NOT_FOUND
                && f.getMessage().startsWith("open "), String.valueOf(e.getCause()));
            bufs.forEach(Buf::release);
            assertEquals(0, (int) loop.await(() -> loop.driver().inFlight()));
        }
    }

    private static Buf fill(Buf b, int size, int seed) {
        for (int i = 0; i < size; i++) {
            b.setByte(i, (byte) (i * 13 + seed));
        }
        return b.writeIndex(size);
    }

    private static byte[] expected(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 13 + seed);
        }
        return b;
    }
}
