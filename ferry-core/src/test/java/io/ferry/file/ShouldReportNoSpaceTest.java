package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldReportNoSpaceTest {
    // Purpose: a write to a full file system fails with a typed ENOSPC naming the file and the offset.
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailWithNoSpace(BackendKind kind, @TempDir Path dir) throws Exception {
        Path mount = FileFixture.mountTinyTmpfs(dir);
        Path path = mount.resolve("big");
        try (FileFixture fx = new FileFixture(kind)) {
            Buf data = fx.patterned(1 << 20, 0, 1);
            try (AsyncFile f = fx.open(path, WRITE, CREATE)) {
                FileFixture.assertNoSpace(FileFixture.failure(f.write(data, 0)), path);
            } finally {
                data.release();
            }
            fx.assertQuiescent();
        } finally {
            FileFixture.run("umount", mount.toString());
        }
    }
}
