package io.ferry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: once a loop has closed its queue, an offer is refused on every thread, the loop's own included
// (its termination callbacks run on it): accepted-and-never-run is the one outcome that must not happen.
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ShouldRefuseTasksOfferedAfterTheLoopClosedTest {

    @Test
    void shouldRefuseAnOfferFromTheLoopThreadAfterClose() throws Exception {
        Ferry ferry = Ferry.builder().backend(BackendKind.NIO).loops(1).build();
        LoopThread loop = (LoopThread) ferry.loops().get(0);
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        loop.terminationFuture().thenRun(() -> { // completed by the loop thread, after its queue closed
            try {
                loop.execute(ran::incrementAndGet);
                outcome.complete(loop.inLoop() ? "accepted on the loop thread" : "accepted on another thread");
            } catch (RejectedExecutionException e) {
                outcome.complete(loop.inLoop() ? "refused on the loop thread" : "refused on another thread");
            }
        });
        ferry.close();
        // Usually the loop thread runs the callback; a thread joining the future may help run it instead
        // (CompletableFuture lets waiters fire dependents), and then the offer must be refused all the same.
        String seen = outcome.get(10, TimeUnit.SECONDS);
        assertTrue(seen.startsWith("refused"), "a task the closed loop accepted can never run: " + seen);
        assertEquals(0, ran.get());
    }

    @Test
    void shouldRefuseAnOfferFromAnotherThreadAfterClose() throws Exception {
        Ferry ferry = Ferry.builder().backend(BackendKind.NIO).loops(1).build();
        LoopThread loop = (LoopThread) ferry.loops().get(0);
        ferry.close();
        assertTrue(loop.hasStopped());
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
        assertTrue(!loop.offer(() -> { }));
    }
}
