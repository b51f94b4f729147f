package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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
        Path mount = Files.createDirectory(dir.resolve("tiny"));
        Assumptions.assumeTrue(FileFixture.run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()),
            "needs root (or CAP_SYS_ADMIN) to mount a 64 KiB tmpfs; skipped");
        Path path = mount.resolve("big");
        try (FileFixture fx = new FileFixture(kind)) {
            Buf data = fx.patterned(1 << 20, 0, 1);
            try (AsyncFile f = fx.open(path, WRITE, CREATE)) {
                Throwable t = FileFixture.failure(f.write(data, 0));
                FileIoException e = assertInstanceOf(FileIoException.class, t);
                assertEquals(FileIoException.Reason.NO_SPACE, e.reason());
                assertTrue(e.getMessage().startsWith("write " + path + " at offset "), e.getMessage());
                assertTrue(e.getMessage().endsWith("failed: ENOSPC (No space left on device)"), e.getMessage());
                assertTrue(e.offset() > 0 && e.offset() <= 64 * 1024, "offset where space ran out: " + e.offset());
            } finally {
                data.release();
            }
            fx.assertQuiescent();
        } finally {
            FileFixture.run("umount", mount.toString());
        }
    }
}
