package io.ferry.net.conformance;

import java.util.concurrent.TimeUnit;

/** Waits (bounded) until a thread is parked, so a test can race a close or interrupt against it. */
final class Parking {
    private Parking() {
    }

    static void awaitParked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(t + " did not park; state " + t.getState());
            }
            Thread.sleep(2);
        }
        Thread.sleep(20); // parked states can be transient: make sure it stays parked
        if (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            awaitParked(t);
        }
    }
}
