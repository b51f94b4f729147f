package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.LoopThread;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.spi.FileSettings;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldTakeFileSettingsFromBuilderTest {
    // Purpose: Ferry.Builder's file settings reach every loop and the path that runs the files' operations.
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldApplyBuilderSettings(BackendKind kind, @TempDir Path dir) throws Exception {
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).fileThreads(3).fileQueueCapacity(7)
            .fileOpsInFlight(5).fileKernelWorkers(9).build()) {
            LoopThread loop = (LoopThread) ferry.loops().get(0);
            assertEquals(new FileSettings(3, 7, 5, 9), loop.fileSettings());
            try (AsyncFile f = FileFixture.await(ferry.open(dir.resolve("s"), WRITE, CREATE))) {
                String expected = kind == BackendKind.URING ? "up to 5 in flight per loop, up to 9 io-wq workers"
                    : "3 threads, queue 7";
                assertTrue(f.ioPath().contains(expected), f.ioPath());
            }
        }
    }

    // Purpose: a setting below 1 is refused when set, naming every value.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldRefuseNonPositiveSettings() {
        String msg = assertThrows(IllegalArgumentException.class, () -> Ferry.builder().fileThreads(0)).getMessage();
        assertTrue(msg.contains("blocking threads 0"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> Ferry.builder().fileKernelWorkers(-1)).getMessage();
        assertTrue(msg.contains("io_uring file workers -1"), msg);
    }
}
