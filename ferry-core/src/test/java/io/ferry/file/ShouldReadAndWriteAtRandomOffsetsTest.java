package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldReadAndWriteAtRandomOffsetsTest {
    // Purpose: single and vectored writes land where asked; reads at any offset see the model's bytes.
    private static final int FILE_SIZE = 256 * 1024;

    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldMatchModel(BackendKind kind, @TempDir Path dir) throws Exception {
        Random random = new Random(42);
        byte[] model = new byte[FILE_SIZE];
        try (FileFixture fx = new FileFixture(kind)) {
            try (AsyncFile f = fx.open(dir.resolve("r"), READ, WRITE, CREATE)) {
                writeRandomly(fx, f, random, model);
                long size = FileFixture.await(f.size());
                for (int i = 0; i < 40; i++) {
                    int len = 1 + random.nextInt(30_000);
                    int at = random.nextInt(FILE_SIZE);
                    byte[] got = readScattered(fx, f, at, len);
                    assertEquals(Math.max(0, Math.min(len, size - at)), got.length, "bytes read at " + at);
                    assertArrayEquals(Arrays.copyOfRange(model, at, at + got.length), got, "bytes at " + at);
                }
            }
            fx.assertQuiescent();
        }
    }

    /** 40 writes of random ranges, alternately one gathered write and two single ones. */
    private static void writeRandomly(FileFixture fx, AsyncFile f, Random random, byte[] model) throws Exception {
        for (int i = 0; i < 40; i++) {
            int len = 1 + random.nextInt(20_000);
            int at = random.nextInt(FILE_SIZE - len);
            int split = random.nextInt(len);
            Buf a = fx.patterned(split, at, i);
            Buf b = fx.patterned(len - split, at + split, i);
            long n = i % 2 == 0 ? FileFixture.await(f.write(new Buf[] {a, b}, at))
                : FileFixture.await(f.write(a, at)) + FileFixture.await(f.write(b, at + split));
            a.release();
            b.release();
            assertEquals(len, n);
            System.arraycopy(FileFixture.pattern(len, at, i), 0, model, at, len);
        }
    }

    /** A scattered read of {@code len} bytes into the tail space of two buffers; returns what arrived. */
    private static byte[] readScattered(FileFixture fx, AsyncFile f, int at, int len) throws Exception {
        int xSpace = len / 2 + 1;
        int ySpace = len - xSpace;
        Buf x = fx.buffer(xSpace);
        Buf y = fx.buffer(Math.max(ySpace, 1));
        int xFrom = x.capacity() - xSpace;
        int yFrom = y.capacity() - ySpace;
        x.writeIndex(xFrom);
        y.writeIndex(yFrom);
        long n = FileFixture.await(f.read(new Buf[] {x, y}, at));
        byte[] got = new byte[(int) n];
        int fromX = x.writeIndex() - xFrom;
        x.getBytes(xFrom, got, 0, fromX);
        y.getBytes(yFrom, got, fromX, y.writeIndex() - yFrom);
        assertEquals(n, fromX + y.writeIndex() - yFrom, "write indexes advanced by the bytes read");
        x.release();
        y.release();
        return got;
    }
}
