package io.ferry.backend.uring;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.runtime.LoopThread;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.file.AsyncFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ShouldStartOpsOnOpenFilesBeforeQueuedOpensTest {
    // Purpose: past the in-flight bound, an operation on an open file takes the next free slot ahead of
    // opens queued before it, so opened files make progress while many more are being opened.
    private static final int BOUND = 2;
    private static final int OPENS = 10;

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldServeOpenFilesFirst(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(new UringBackend().availability().available(), "io_uring unavailable here");
        try (Ferry ferry = Ferry.builder().backend(BackendKind.URING).loops(1).fileOpsInFlight(BOUND).build()) {
            LoopThread loop = (LoopThread) ferry.loops().get(0);
            AsyncFile first = ferry.open(dir.resolve("first"), WRITE, CREATE).get(10, TimeUnit.SECONDS);
            UringFiles files = (UringFiles) loop.driver().files();
            AtomicInteger opsWaitingAtFirstFreeSlot = new AtomicInteger(-1);
            List<CompletableFuture<AsyncFile>> opens = new ArrayList<>();
            Buf data = loop.await(() -> loop.pool().acquire(16).writeAscii("queued behind opens"));
            CompletableFuture<Long> write = loop.await(() -> {
                for (int i = 0; i < OPENS; i++) {
                    // Runs on the loop right after the slot this open held went to the next waiting operation.
                    opens.add(AsyncFile.open(loop, dir.resolve("f" + i), WRITE, CREATE).whenComplete((f, e) ->
                        opsWaitingAtFirstFreeSlot.compareAndSet(-1, files.waiting() - files.waitingOpens())));
                }
                CompletableFuture<Long> w = first.write(data, 0);
                assertEquals(OPENS - BOUND + 1, files.waiting(), "queued");
                assertEquals(OPENS - BOUND, files.waitingOpens(), "queued opens");
                return w;
            });
            assertEquals(data.readableBytes(), write.get(10, TimeUnit.SECONDS));
            for (CompletableFuture<AsyncFile> o : opens) {
                o.get(10, TimeUnit.SECONDS).close();
            }
            first.close();
            data.release();
            // First in, first out, the first free slot would have gone to the third open, and the write
            // would still be waiting behind seven more.
            assertEquals(0, opsWaitingAtFirstFreeSlot.get(), "operations on open files still waiting when the"
                + " first slot came free");
            assertEquals(0, (int) loop.await(() -> loop.driver().inFlight()));
        }
    }
}
