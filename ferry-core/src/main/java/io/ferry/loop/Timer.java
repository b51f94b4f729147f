package io.ferry.loop;

/**
 * A task scheduled on a loop for a deadline. Returned by {@link EventLoop#schedule} (fires at most once)
 * and {@link EventLoop#scheduleAtFixedRate} (fires every period until cancelled); cancel it from any
 * thread, or from its own task.
 */
public final class Timer {
    final EventLoop loop;
    final Runnable task;
    /** 0 for a one-shot timer, else the period in nanoseconds. */
    final long periodNanos;
    long deadline;
    /** Position in the loop's heap, or -1 when not queued. */
    int heapIndex = -1;
    private volatile boolean cancelled;

    Timer(EventLoop loop, Runnable task, long deadline) {
        this(loop, task, deadline, 0);
    }

    Timer(EventLoop loop, Runnable task, long deadline, long periodNanos) {
        this.loop = loop;
        this.task = task;
        this.deadline = deadline;
        this.periodNanos = periodNanos;
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
