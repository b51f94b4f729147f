package io.ferry.runtime;

import io.ferry.loop.Timer;

/** A {@link Timer} in a {@link LoopThread}'s {@link TimerQueue}: its task, deadline, period and heap slot. */
public final class ScheduledTask implements Timer {
    final LoopThread loop;
    final Runnable task;
    /** 0 for a one-shot timer, else the period in nanoseconds. */
    final long periodNanos;
    long deadline;
    /** Position in the loop's heap, or -1 when not queued. */
    int heapIndex = -1;
    private volatile boolean cancelled;

    ScheduledTask(LoopThread loop, Runnable task, long deadline) {
        this(loop, task, deadline, 0);
    }

    ScheduledTask(LoopThread loop, Runnable task, long deadline, long periodNanos) {
        this.loop = loop;
        this.task = task;
        this.deadline = deadline;
        this.periodNanos = periodNanos;
    }

    @Override
    public void cancel() {
        // The flag alone keeps the task from running; leaving the heap early only frees the slot, so a
        // stopped loop or a full task queue (offer refusing) is no reason to fail.
        cancelled = true;
        if (loop.inLoop()) {
            loop.timers().remove(this);
        } else {
            loop.offer(() -> loop.timers().remove(this));
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public long deadlineNanos() {
        return deadline;
    }
}
