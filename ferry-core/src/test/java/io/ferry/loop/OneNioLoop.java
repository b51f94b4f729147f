package io.ferry.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.BufferPool;
import io.ferry.runtime.LoopThread;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One java.nio loop for white-box tests of loop-thread code: runs a body on the loop and waits for it, collects what
 * reached the loop's error handler, and on close checks that nothing unexpected did.
 */
public final class OneNioLoop implements AutoCloseable {
    /** Errors reported to the loop; a test that expects one clears it after checking. */
    public final List<Throwable> errors = new CopyOnWriteArrayList<>();
    public final Ferry ferry;
    public final LoopThread loop;

    public OneNioLoop() throws IOException {
        // The tests count the loop's timers, so the pool's periodic trim (a timer of its own) is off.
        ferry = Ferry.builder().backend(BackendKind.NIO).loops(1).errorHandler(errors::add)
            .pools(() -> BufferPool.builder().trimInterval(Duration.ZERO).build()).build();
        loop = (LoopThread) ferry.loops().get(0);
    }

    /** Runs {@code body} on the loop thread and waits for it; an assertion failure fails the test. */
    public void run(Runnable body) {
        loop.await(() -> {
            body.run();
            return null;
        });
    }

    @Override
    public void close() {
        ferry.close();
        assertEquals(List.of(), errors, "errors reported to the loop");
    }
}
