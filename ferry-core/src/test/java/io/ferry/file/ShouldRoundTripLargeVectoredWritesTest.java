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
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldRoundTripLargeVectoredWritesTest {
    // Purpose: gathered writes above io_uring's hand-to-workers size (buffered and O_DIRECT) land intact.
    private static final int PART = 256 << 10;

    static Stream<Arguments> cases() {
        return FileFixture.backends().flatMap(k -> Stream.of(false, true).map(direct -> Arguments.of(k, direct)));
    }

    @ParameterizedTest(name = "{0} direct={1}")
    @MethodSource("cases")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRoundTripLargeVectoredWrite(BackendKind kind, boolean direct, @TempDir Path dir) throws Exception {
        Path path = dir.resolve("v");
        OpenOption[] options = direct
            ? new OpenOption[] {READ, WRITE, CREATE, TRUNCATE_EXISTING, FerryOpenOption.DIRECT}
            : new OpenOption[] {READ, WRITE, CREATE, TRUNCATE_EXISTING};
        try (FileFixture fx = new FileFixture(kind)) {
            Buf[] parts = {fx.patterned(PART, 0, 3), fx.patterned(PART, PART, 3), fx.patterned(PART, 2L * PART, 3)};
            try (AsyncFile f = fx.open(path, options)) {
                assertEquals(3L * PART, (long) FileFixture.await(f.write(parts, 0)));
                FileFixture.await(f.fsync());
            } finally {
                for (Buf b : parts) {
                    b.release();
                }
            }
            assertArrayEquals(FileFixture.pattern(3 * PART, 0, 3), Files.readAllBytes(path), "file content");
            fx.assertQuiescent();
        }
    }
}
