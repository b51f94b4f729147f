package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.FileConstants;
import io.ferry.linux.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldWakeOnEventfdPollTest {
    // Purpose: a POLL_ADD on an eventfd completes with POLLIN when another thread writes to the eventfd.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldCompletePollWhenOtherThreadSignals() throws Exception {
        int efd = LibC.eventfd(0, FileConstants.EFD_NONBLOCK | FileConstants.EFD_CLOEXEC);
        assertTrue(efd >= 0);
        try (IoUring ring = RingFixture.openRing(8)) {
            RingFixture.next(ring).prepPollAdd(efd, FileConstants.POLLIN).userData(3);
            ring.submit();
            Thread waker = Thread.ofPlatform().start(() -> {
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment one = a.allocateFrom(ValueLayout.JAVA_LONG, 1L);
                    Thread.sleep(30);
                    LibC.write(efd, one.address(), 8);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            RingFixture.Cqe cqe = RingFixture.awaitOne(ring);
            waker.join();
            assertEquals(3, cqe.userData());
            assertTrue((cqe.res() & FileConstants.POLLIN) != 0, "mask " + cqe.res());
        } finally {
            LibC.close(efd);
        }
    }
}
