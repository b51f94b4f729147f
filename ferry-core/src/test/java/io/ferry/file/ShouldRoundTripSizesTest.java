package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldRoundTripSizesTest {
    // Purpose: bytes written with AsyncFile read back identical (via the JDK and via AsyncFile) on every backend.
    static Stream<Arguments> cases() {
        return FileFixture.backends().flatMap(k -> Stream.of(0, 1, 4095, 4096, 1 << 20, 64 << 20)
            .map(size -> Arguments.of(k, size)));
    }

    @ParameterizedTest(name = "{0} {1} bytes")
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRoundTrip(BackendKind kind, int size, @TempDir Path dir) throws Exception {
        Path path = dir.resolve("f-" + size);
        try (FileFixture fx = new FileFixture(kind)) {
            Buf out = fx.patterned(size, 0, size);
            Buf in = fx.buffer(Math.max(size, 1));
            try (AsyncFile f = fx.open(path, READ, WRITE, CREATE, TRUNCATE_EXISTING)) {
                assertEquals(size, (long) FileFixture.await(f.write(out, 0)));
                assertEquals(size, (long) FileFixture.await(f.size()));
                assertArrayEquals(FileFixture.pattern(size, 0, size), Files.readAllBytes(path), "file content");
                assertEquals(size, (long) FileFixture.await(f.read(in, 0)));
                assertEquals(size, in.writeIndex());
                assertArrayEquals(FileFixture.pattern(size, 0, size), in.toByteArray(), "read back");
                assertEquals(0, out.readIndex(), "a write leaves the indexes alone");
            } finally {
                out.release();
                in.release();
            }
            fx.assertQuiescent();
        }
    }
}
