package io.ferry.backend.uring;

import io.ferry.linux.uring.CompletionSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import io.ferry.linux.IoUringConstants;
import io.ferry.linux.LibC;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: EMFILE on accept pauses accepting (no busy loop) while open connections keep being served,
// and accepting resumes afterwards.
@Timeout(30)
class ShouldBackOffWhenAcceptFailsTest {
    @Test
    void shouldKeepServingAndResumeAccepting() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(1);
        AtomicInteger acceptCompletions = new AtomicInteger();
        AtomicLong faultAt = new AtomicLong();
        AtomicLong nextAcceptAt = new AtomicLong();
        // The seam: the first accepted descriptor is closed and reported as EMFILE, as if the table were full.
        UnaryOperator<CompletionSource> faults = ring -> (visitor, limit) -> ring.forEachCompletion(
            (ud, res, flags) -> {
            // Before the first client sends anything, the only CQE carrying a descriptor is its accept.
            if (ud > UringDriver.IGNORE && res > 2 && (flags & IoUringConstants.IORING_CQE_F_BUFFER) == 0
                && failuresLeft.getAndDecrement() > 0) {
                acceptCompletions.incrementAndGet();
                faultAt.set(System.nanoTime());
                LibC.close(res);
                visitor.onCompletion(ud, -Errno.EMFILE, flags);
                return;
            }
            if (faultAt.get() != 0 && res > 2 && (flags & IoUringConstants.IORING_CQE_F_BUFFER) == 0) {
                nextAcceptAt.compareAndSet(0, System.nanoTime());
            }
            visitor.onCompletion(ud, res, flags);
        }, limit);
        try (UringServerFixture server = new UringServerFixture(UringConfig.fromSystemProperties(), faults,
            c -> (conn, data) -> conn.writeAndFlush(data))) {
            byte[] msg = "after the storm".getBytes();
            long start = System.nanoTime();
            boolean echoed = false;
            while (!echoed && System.nanoTime() - start < 10_000_000_000L) {
                try {
                    echoed = java.util.Arrays.equals(msg, server.roundTrip(msg));
                } catch (java.io.IOException refusedOrReset) {
                    Thread.sleep(20);
                }
            }
            assertTrue(echoed, "a connection after the EMFILE was served");
            assertTrue(acceptCompletions.get() >= 1, "the fault was injected");
            // The client retries every 20 ms; a real pause accepts nothing for the back-off's 100 ms.
            long pausedMillis = (nextAcceptAt.get() - faultAt.get()) / 1_000_000;
            assertTrue(pausedMillis >= 90, "accepting paused only " + pausedMillis + " ms after EMFILE");
            assertArrayEquals(msg, server.roundTrip(msg));
            server.assertQuiescent();
        }
    }
}
