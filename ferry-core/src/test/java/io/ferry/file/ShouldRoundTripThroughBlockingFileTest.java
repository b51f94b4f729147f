package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldRoundTripThroughBlockingFileTest {
    // Purpose: FerryFile on a virtual thread writes, syncs, sizes, reads (single, vectored) and closes, and
    // writes a whole file in one call, every backend, both on the JDK's carriers and carried by the file's
    // own loop.
    private static final int SIZE = 300_000;

    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRoundTrip(BackendKind kind, @TempDir Path dir) throws Exception {
        try (FileFixture fx = new FileFixture(kind)) {
            roundTrip(fx, dir.resolve("jdk-carried"), Thread.ofVirtual().factory());
            roundTrip(fx, dir.resolve("loop-carried"), fx.loop().virtualThreads());
        }
    }

    private static void roundTrip(FileFixture fx, Path path, ThreadFactory threads) throws Exception {
        Buf out = fx.patterned(SIZE, 0, 9);
        Buf in = fx.buffer(SIZE);
        Buf head = fx.buffer(1000);
        Buf tail = fx.buffer(SIZE);
        Buf rest = fx.buffer(16);
        try {
            FileFixture.onThread(threads, () -> {
                try (FerryFile f = FerryFile.open(fx.ferry().loops(), path, READ, WRITE, CREATE)) {
                    assertEquals(SIZE, f.write(out, 0));
                    f.fsync();
                    f.fdatasync();
                    assertEquals(SIZE, f.size());
                    assertEquals(SIZE, f.read(in, 0));
                    assertEquals(SIZE - 1000, f.read(new Buf[] {head, tail}, 1000));
                    assertEquals(0, f.read(rest, SIZE), "end of file");
                }
                assertEquals(SIZE, FerryFile.writeFile(fx.ferry().loops(), whole(path), out, true));
                return null;
            });
            assertArrayEquals(FileFixture.pattern(SIZE, 0, 9), Files.readAllBytes(whole(path)), "whole file");
            assertArrayEquals(FileFixture.pattern(SIZE, 0, 9), Files.readAllBytes(path), "file content");
            assertArrayEquals(FileFixture.pattern(SIZE, 0, 9), in.toByteArray(), "read back");
            int first = head.writeIndex(); // the pool buffer's whole capacity
            assertArrayEquals(FileFixture.pattern(first, 1000, 9), head.toByteArray(), "vectored, first buffer");
            assertArrayEquals(FileFixture.pattern(SIZE - 1000 - first, 1000 + first, 9), tail.toByteArray(),
                "vectored, second buffer");
        } finally {
            out.release();
            in.release();
            head.release();
            tail.release();
            rest.release();
        }
        fx.assertQuiescent();
    }

    private static Path whole(Path path) {
        return path.resolveSibling(path.getFileName() + "-whole");
    }
}
