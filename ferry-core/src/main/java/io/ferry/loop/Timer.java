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

    /** Prevents the task from running if it has not run yet. Any thread. */
    public void cancel() {
        cancelled = true;
        if (loop.inLoop()) {
            loop.timers().remove(this);
        } else {
            loop.execute(() -> loop.timers().remove(this));
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
