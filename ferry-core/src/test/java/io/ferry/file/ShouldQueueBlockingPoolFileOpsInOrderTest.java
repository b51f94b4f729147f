package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.LoopThread;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.TestBackends;
import io.ferry.buffer.Buf;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ShouldQueueBlockingPoolFileOpsInOrderTest {
    // Purpose: on the blocking pool (epoll), operations beyond the threads wait on the loop up to the queue
    // size and are refused beyond it; a waiting operation on an open file starts before opens queued earlier.
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldServeOpenFilesFirstAndPushBack(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(TestBackends.of(BackendKind.EPOLL).availability().available(), "epoll unavailable");
        Path fifo = dir.resolve("fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
        try (Ferry ferry = Ferry.builder().backend(BackendKind.EPOLL).loops(1).fileThreads(1).fileQueueCapacity(3)
            .build()) {
            LoopThread loop = (LoopThread) ferry.loops().get(0);
            AsyncFile open = ferry.open(dir.resolve("open"), WRITE, CREATE).get(10, TimeUnit.SECONDS);
            List<String> completed = new CopyOnWriteArrayList<>();
            Buf data = loop.await(() -> loop.pool().acquire(8).writeAscii("first!"));
            // Opening a FIFO for reading blocks until a writer comes: it holds the pool's only thread.
            CompletableFuture<AsyncFile> held = AsyncFile.open(loop, fifo, READ);
            var queued = loop.await(() -> List.of(
                AsyncFile.open(loop, dir.resolve("a"), WRITE, CREATE).whenComplete((f, e) -> completed.add("open a")),
                AsyncFile.open(loop, dir.resolve("b"), WRITE, CREATE).whenComplete((f, e) -> completed.add("open b")),
                open.write(data, 0).thenApply(n -> (AsyncFile) null).whenComplete((f, e) -> completed.add("write")),
                AsyncFile.open(loop, dir.resolve("c"), WRITE, CREATE)));
            ExecutionException refused = assertThrows(ExecutionException.class,
                () -> queued.get(3).get(10, TimeUnit.SECONDS));
            assertInstanceOf(RejectedExecutionException.class, refused.getCause(), "beyond queue 3: refused");
            assertTrue(refused.getCause().getMessage().contains("queue 3"), refused.getCause().getMessage());
            try (FileOutputStream writer = new FileOutputStream(fifo.toFile())) { // lets the held open finish
                held.get(10, TimeUnit.SECONDS).close();
            }
            for (int i = 0; i < 3; i++) {
                AsyncFile f = queued.get(i).get(10, TimeUnit.SECONDS);
                if (f != null) {
                    f.close();
                }
            }
            open.close();
            data.release();
            assertEquals(List.of("write", "open a", "open b"), completed, "the open file's write went first");
            assertEquals(0, (int) loop.await(() -> loop.driver().files().inFlight()));
        }
    }
}
