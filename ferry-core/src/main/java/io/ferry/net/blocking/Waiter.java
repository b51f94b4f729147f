package io.ferry.net.blocking;

import java.util.concurrent.locks.LockSupport;

/**
 * The one thread parked on one side of a socket (its reader, or its writer), and the wake-up the
 * loop gives it. The protocol is Dekker-style, with no lock: the waiter {@link #arm()}s (a volatile
 * write), re-checks its condition, then {@link #park}s; the loop changes the condition (a volatile
 * write), then {@link #wake()}s whoever is armed. One of the two always sees the other.
 *
 * <p>Threads: {@code arm}/{@code park} by the waiting thread, {@code wake} from any thread.
 */
final class Waiter {
    /** {@link #park} outcomes. */
    static final int WOKEN = 0;
    static final int TIMED_OUT = 1;
    static final int INTERRUPTED = 2;

    private volatile Thread thread;

    /** Announces the caller as the waiter; re-check the condition before {@link #park}. */
    void arm() {
        thread = Thread.currentThread();
    }

    /** Withdraws the announcement (the condition held after all). */
    void disarm() {
        thread = null;
    }

    /**
     * Parks until woken, the deadline passes ({@code deadline} from {@link System#nanoTime()}, 0 for
     * none) or the thread is interrupted; spurious returns count as {@link #WOKEN}. Clears the
     * interrupt status when it reports {@link #INTERRUPTED}.
     */
    int park(long deadline) {
        if (deadline != 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                thread = null;
                return TIMED_OUT;
            }
            LockSupport.parkNanos(this, left);
        } else {
            LockSupport.park(this);
        }
        thread = null;
        return Thread.interrupted() ? INTERRUPTED : WOKEN;
    }

    /** Unparks the armed thread, if any. Any thread; cheap when nobody waits (one volatile read). */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
