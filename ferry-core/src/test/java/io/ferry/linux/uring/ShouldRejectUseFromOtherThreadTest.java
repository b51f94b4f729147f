package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ferry.diagnostics.Checks;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldRejectUseFromOtherThreadTest {
    // Purpose: with debug checks on, touching a ring from a thread other than its creator fails fast and clearly.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldThrowIllegalStateOffOwnerThread() throws Exception {
        Assumptions.assumeTrue(Checks.ENABLED, "needs -Dferry.checks=true");
        try (IoUring ring = RingFixture.openRing(4)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    ring.nextSqe();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            other.join();
            assertInstanceOf(IllegalStateException.class, failure.get());
        }
    }
}
