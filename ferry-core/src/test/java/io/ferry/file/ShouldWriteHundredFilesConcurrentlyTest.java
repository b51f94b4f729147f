package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldWriteHundredFilesConcurrentlyTest {
    // Purpose: 100 files opened, written, synced and closed at once from one loop each get their own content.
    private static final int FILES = 100;
    private static final int SIZE = 64 * 1024;

    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldKeepEachFilesContent(BackendKind kind, @TempDir Path dir) throws Exception {
        try (FileFixture fx = new FileFixture(kind)) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                Buf data = fx.patterned(SIZE, 0, i);
                all.add(AsyncFile.open(fx.loop(), dir.resolve("f" + i), WRITE, CREATE, TRUNCATE_EXISTING)
                    .thenCompose(f -> f.write(data, 0)
                        .thenCompose(n -> f.fdatasync())
                        .whenComplete((r, e) -> data.release())
                        .thenCompose(v -> f.closeAsync())));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(50, TimeUnit.SECONDS);
            for (int i = 0; i < FILES; i++) {
                Path p = dir.resolve("f" + i);
                assertEquals(SIZE, Files.size(p), p.toString());
                assertArrayEquals(FileFixture.pattern(SIZE, 0, i), Files.readAllBytes(p), p.toString());
            }
            fx.assertQuiescent();
        }
    }
}
