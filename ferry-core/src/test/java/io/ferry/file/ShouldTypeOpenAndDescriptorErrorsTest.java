package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldTypeOpenAndDescriptorErrorsTest {
    // Purpose: a missing file is NOT_FOUND (ENOENT); writing a read-only file is BAD_DESCRIPTOR (EBADF).
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldTypeErrors(BackendKind kind, @TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        try (FileFixture fx = new FileFixture(kind)) {
            FileIoException e = assertInstanceOf(FileIoException.class,
                FileFixture.failure(AsyncFile.open(fx.loop(), missing, READ)));
            assertEquals(FileIoException.Reason.NOT_FOUND, e.reason());
            assertEquals("open " + missing + " failed: ENOENT (No such file or directory)", e.getMessage());

            Path path = dir.resolve("ro");
            fx.open(path, WRITE, CREATE).close();
            Buf data = fx.patterned(10, 0, 1);
            try (AsyncFile f = fx.open(path, READ)) {
                e = assertInstanceOf(FileIoException.class, FileFixture.failure(f.write(data, 5)));
                assertEquals(FileIoException.Reason.BAD_DESCRIPTOR, e.reason());
                assertEquals("write " + path + " at offset 5 failed: EBADF (Bad file descriptor)", e.getMessage());
            } finally {
                data.release();
            }
            fx.assertQuiescent();
        }
    }
}
