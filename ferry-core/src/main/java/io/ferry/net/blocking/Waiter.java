package io.ferry.net.blocking;

import io.ferry.loop.EventLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread parked on one side of a socket (its reader, or its writer), and the wake-up the
 * loop gives it. The protocol is Dekker-style, with no lock: the waiter {@link #arm()}s (a volatile
 * write), re-checks its condition, then {@link #park}s; the loop changes the condition (a volatile
 * write), then {@link #wake()}s whoever is armed. One of the two always sees the other.
 *
 * <p>Deadlines are kept by a watchdog on the socket's loop, not by timed parks: a timed park of a
 * virtual thread queues and cancels a task in the JDK's shared timer queue (a lock and an object) on
 * every call, which at one park per request costs more than the rest of the hand-off. Here a park
 * with a deadline only publishes it; a loop timer, armed when none is pending, wakes the thread once
 * its latest deadline has passed, and otherwise re-arms itself for that deadline. A connection busy
 * with requests so costs one timer per timeout period, not one per read. A deadline earlier than the
 * pending timer (a shrinking header timeout) falls back to a timed park.
 *
 * <p>Threads: {@code arm}/{@code park} by the waiting thread, {@code wake} from any thread, the
 * watchdog ({@link #run()}) on the loop.
 */
final class Waiter implements Runnable {
    /** {@link #park} outcomes. */
    static final int WOKEN = 0;
    static final int TIMED_OUT = 1;
    static final int INTERRUPTED = 2;
    private static final VarHandle WATCH_AT;

    static {
        try {
            WATCH_AT = MethodHandles.lookup().findVarHandle(Waiter.class, "watchAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SocketBridge bridge;
    private volatile Thread thread;
    private volatile long deadline; // of the park in progress; 0 for none
    @SuppressWarnings("unused") // accessed through WATCH_AT
    private volatile long watchAt; // when the pending watchdog runs; 0 when none is pending

    Waiter(SocketBridge bridge) {
        this.bridge = bridge;
    }

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
            if (deadline - System.nanoTime() <= 0) {
                thread = null;
                return TIMED_OUT;
            }
            this.deadline = deadline;
            if (!watch(deadline)) {
                LockSupport.parkNanos(this, deadline - System.nanoTime()); // no watchdog in time
            } else {
                LockSupport.park(this);
            }
            this.deadline = 0;
        } else {
            LockSupport.park(this);
        }
        thread = null;
        if (Thread.interrupted()) {
            return INTERRUPTED;
        }
        return deadline != 0 && deadline - System.nanoTime() <= 0 ? TIMED_OUT : WOKEN;
    }

    /** Unparks the armed thread, if any. Any thread; cheap when nobody waits (one volatile read). */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Makes sure a watchdog looks at the waiter by {@code due}: true when one pending or newly
     * scheduled will; false when the pending one comes later, or the loop cannot run one (the caller
     * then parks with a timeout of its own: deadlines that shrink are the rare case of a header timeout).
     */
    private boolean watch(long due) {
        long at = (long) WATCH_AT.getVolatile(this);
        if (at == 0 && WATCH_AT.compareAndSet(this, 0L, due)) {
            EventLoop loop = bridge.loop();
            try {
                if (loop != null) {
                    loop.schedule(this, due - System.nanoTime(), TimeUnit.NANOSECONDS);
                    return true;
                }
            } catch (RejectedExecutionException stopped) {
                // falls through: the caller keeps the time itself
            }
            WATCH_AT.compareAndSet(this, due, 0L);
            return false;
        }
        at = (long) WATCH_AT.getVolatile(this);
        return at != 0 && at - due <= 0;
    }

    /**
     * The watchdog, on the loop: wakes a waiter whose deadline has passed, or watches for its deadline.
     * Clearing the pending mark first means a waiter that relied on this run is seen by the reads after it.
     */
    @Override
    public void run() {
        WATCH_AT.setVolatile(this, 0L);
        long due = deadline;
        Thread t = thread;
        if (t != null && due != 0) {
            if (due - System.nanoTime() <= 0) {
                LockSupport.unpark(t);
            } else {
                watch(due);
            }
        }
    }
}
