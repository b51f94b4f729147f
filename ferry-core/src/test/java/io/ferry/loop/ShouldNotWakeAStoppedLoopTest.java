package io.ferry.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.TestBackends;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closing or waking a loop that has already stopped touches no descriptor: the loop's wake-up eventfd
 * was given back to the kernel, and its number may now belong to an unrelated file (issue 12, defect 3:
 * a second close on io_uring wrote 8 bytes into whatever file had reused the number).
 */
class ShouldNotWakeAStoppedLoopTest {
    /** Enough new files to take every descriptor number a stopped loop gave back. */
    private static final int FILES = 64;

    static Stream<BackendKind> backends() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO && TestBackends.of(k).availability().available());
    }

    @ParameterizedTest
    @MethodSource("backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldLeaveReusedDescriptorsAlone(BackendKind kind, @TempDir Path dir) throws Exception {
        Ferry ferry = Ferry.builder().backend(kind).loops(1).build();
        EventLoop loop = ferry.loops().get(0);
        ferry.close();
        List<FileChannel> files = new ArrayList<>();
        try {
            for (int i = 0; i < FILES; i++) {
                files.add(FileChannel.open(dir.resolve("f" + i), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
            }
            loop.close();
            loop.wakeup();
            ferry.close();
        } finally {
            for (FileChannel f : files) {
                f.close();
            }
        }
        for (int i = 0; i < FILES; i++) {
            assertEquals(0, Files.size(dir.resolve("f" + i)), kind + ": a stopped loop wrote into file " + i);
        }
    }
}
