package io.ferry.loop;

/**
 * A task scheduled on a loop for a deadline. Returned by {@link EventLoop#schedule}; cancel it from
 * any thread. A timer fires at most once.
 */
public final class Timer {
    final EventLoop loop;
    final Runnable task;
    long deadline;
    /** Position in the loop's heap, or -1 when not queued. */
    int heapIndex = -1;
    private volatile boolean cancelled;

    Timer(EventLoop loop, Runnable task, long deadline) {
        this.loop = loop;
        this.task = task;
        this.deadline = deadline;
    }

    /**
     * Prevents the task from running if it has not run yet. Any thread, also after the loop stopped:
     * the flag alone keeps the task from running; taking it out of the queue early only frees its slot,
     * so a stopped loop or a full task queue is no reason to fail.
     */
    public void cancel() {
        cancelled = true;
        if (loop.inLoop()) {
            loop.timers().remove(this);
        } else {
            loop.offer(() -> loop.timers().remove(this));
        }
    }

    /** True once {@link #cancel} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Deadline in {@link System#nanoTime()} terms. */
    public long deadlineNanos() {
        return deadline;
    }
}
