package io.ferry.file;

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

class ShouldFailReadingDirectoryTest {
    // Purpose: reading a directory, or opening one for writing, fails with a typed EISDIR naming it.
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportIsDirectory(BackendKind kind, @TempDir Path dir) throws Exception {
        try (FileFixture fx = new FileFixture(kind)) {
            Buf in = fx.buffer(4096);
            try (AsyncFile f = fx.open(dir, READ)) {
                FileIoException e = assertInstanceOf(FileIoException.class, FileFixture.failure(f.read(in, 0)));
                assertEquals(FileIoException.Reason.IS_DIRECTORY, e.reason());
                assertEquals("read " + dir + " at offset 0 failed: EISDIR (Is a directory)", e.getMessage());
            } finally {
                in.release();
            }
            FileIoException e = assertInstanceOf(FileIoException.class,
                FileFixture.failure(AsyncFile.open(fx.loop(), dir, WRITE)));
            assertEquals("open " + dir + " failed: EISDIR (Is a directory)", e.getMessage());
            fx.assertQuiescent();
        }
    }
}
