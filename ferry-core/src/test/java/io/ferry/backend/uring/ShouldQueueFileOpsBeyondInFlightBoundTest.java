package io.ferry.backend.uring;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.runtime.LoopThread;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.file.AsyncFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ShouldQueueFileOpsBeyondInFlightBoundTest {
    // Purpose: file ops past the per-loop in-flight bound wait in a FIFO and all complete with the right bytes.
    private static final int BOUND = 4;
    private static final int WRITES = 50;
    private static final int CHUNK = 4096;

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldQueueThenDrain(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(new UringBackend().availability().available(), "io_uring unavailable here");
        try (Ferry ferry = Ferry.builder().backend(BackendKind.URING).loops(1).fileOpsInFlight(BOUND).build()) {
            LoopThread loop = (LoopThread) ferry.loops().get(0);
            Path path = dir.resolve("queued");
            AsyncFile f = ferry.open(path, WRITE, CREATE).get(10, TimeUnit.SECONDS);
            List<CompletableFuture<Long>> writes = new ArrayList<>();
            int waitingAfterSubmit = loop.await(() -> {
                for (int i = 0; i < WRITES; i++) {
                    Buf b = loop.pool().acquire(CHUNK);
                    for (int j = 0; j < CHUNK; j++) {
                        b.writeByte(i);
                    }
                    writes.add(f.write(b, (long) i * CHUNK).whenComplete((n, e) -> b.release()));
                }
                return ((UringFiles) loop.driver().files()).waiting();
            });
            assertEquals(WRITES - BOUND, waitingAfterSubmit, "only " + BOUND + " submitted, the rest queued");
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            f.close();
            byte[] content = Files.readAllBytes(path);
            for (int i = 0; i < WRITES; i++) {
                byte[] expected = new byte[CHUNK];
                Arrays.fill(expected, (byte) i);
                assertArrayEquals(expected, Arrays.copyOfRange(content, i * CHUNK, (i + 1) * CHUNK));
            }
            assertEquals(0, (int) loop.await(() -> loop.driver().inFlight()));
        }
    }
}
