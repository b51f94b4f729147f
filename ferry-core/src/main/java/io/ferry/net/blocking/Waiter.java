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
 * with a deadline only publishes it; one loop timer per waiter, armed when none is pending, wakes the
 * thread once its latest deadline has passed, and otherwise re-arms itself for that deadline. A
 * connection busy with requests so costs one timer per timeout period, not one per read.
 *
 * <p>Threads: {@code arm}/{@code park} by the waiting thread, {@code wake} from any thread, the
 * watchdog ({@link #run()}) on the loop.
 */
final class Waiter implements Runnable {
    /** {@link #park} outcomes. */
    static final int WOKEN = 0;
    static final int TIMED_OUT = 1;
    static final int INTERRUPTED = 2;
    private static final VarHandle WATCHING;

    static {
        try {
            WATCHING = MethodHandles.lookup().findVarHandle(Waiter.class, "watching", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SocketBridge bridge;
    private volatile Thread thread;
    private volatile long deadline; // of the park in progress; 0 for none
    @SuppressWarnings("unused") // accessed through WATCHING
    private volatile boolean watching; // a watchdog timer is pending

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
                LockSupport.parkNanos(this, deadline - System.nanoTime()); // no loop to keep the time
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

    /** Makes sure a watchdog will look at {@code due}; false when the loop cannot run one. */
    private boolean watch(long due) {
        if (!WATCHING.compareAndSet(this, false, true)) {
            return true; // the pending watchdog re-arms itself for the newest deadline
        }
        EventLoop loop = bridge.loop();
        try {
            if (loop != null) {
                loop.schedule(this, due - System.nanoTime(), TimeUnit.NANOSECONDS);
                return true;
            }
        } catch (RejectedExecutionException stopped) {
            // falls through: the caller keeps the time itself
        }
        WATCHING.setVolatile(this, false);
        return false;
    }

    /** The watchdog, on the loop: wakes a waiter whose deadline has passed, or waits for its deadline. */
    @Override
    public void run() {
        long due = deadline;
        Thread t = thread;
        if (t != null && due != 0) {
            long left = due - System.nanoTime();
            if (left > 0) {
                bridge.loop().schedule(this, left, TimeUnit.NANOSECONDS);
                return;
            }
            LockSupport.unpark(t);
        }
        WATCHING.setVolatile(this, false);
        // A waiter that published a deadline after the reads above saw the watchdog pending and relied on it.
        due = deadline;
        if (thread != null && due != 0) {
            watch(due);
        }
    }
}
