package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldWaitForCompletionWhenBlockingFileInterruptedTest {
    // Purpose: an interrupt during a FerryFile write returns control only after the write completed (buffer free
    // again), with the interrupt status kept; an already interrupted thread starts nothing.
    private static final int SIZE = 256 << 10;

    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldWaitThenReportTheInterrupt(BackendKind kind, @TempDir Path dir) throws Exception {
        Path path = dir.resolve("interrupted");
        try (FileFixture fx = new FileFixture(kind)) {
            Buf data = fx.patterned(SIZE, 0, 4);
            CountDownLatch loopHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> outcome = new CompletableFuture<>();
            try {
                FerryFile f = FileFixture.onVirtualThread(
                    () -> FerryFile.open(fx.ferry().loops(), path, WRITE, CREATE));
                fx.loop().execute(() -> { // hold the loop, so the write cannot start or complete yet
                    loopHeld.countDown();
                    awaitQuietly(release);
                });
                loopHeld.await();
                Thread writer = Thread.ofVirtual().start(() -> outcome.complete(writeInterrupted(f, data)));
                while (writer.getState() != Thread.State.WAITING) {
                    Thread.sleep(1); // parked in the write
                }
                writer.interrupt();
                Thread.sleep(50);
                assertTrue(writer.isAlive() && !outcome.isDone(), "returned before the write completed");
                release.countDown();
                assertEquals("InterruptedIOException moved " + SIZE + ", interrupted true, buffer held by 1",
                    FileFixture.await(outcome));
                assertArrayEquals(FileFixture.pattern(SIZE, 0, 4), Files.readAllBytes(path), "the write happened");
                assertEquals("InterruptedIOException not started", FileFixture.onVirtualThread(() -> {
                    Thread.currentThread().interrupt();
                    try {
                        f.fsync();
                        return "returned";
                    } catch (InterruptedIOException e) {
                        boolean notStarted = e.getMessage().contains("not started");
                        return "InterruptedIOException" + (notStarted ? " not started" : "");
                    } finally {
                        Thread.interrupted();
                        f.close();
                    }
                }));
            } finally {
                release.countDown();
                data.release();
            }
            fx.assertQuiescent();
        }
    }

    private static String writeInterrupted(FerryFile f, Buf data) {
        try {
            long n = f.write(data, 0);
            return "returned " + n;
        } catch (InterruptedIOException e) {
            return "InterruptedIOException moved " + e.bytesTransferred + ", interrupted "
                + Thread.currentThread().isInterrupted() + ", buffer held by " + data.refCnt();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
