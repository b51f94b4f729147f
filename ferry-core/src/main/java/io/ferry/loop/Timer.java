package io.ferry.loop;

/**
 * A task scheduled on a loop for a deadline. Returned by {@link EventLoop#schedule} (fires at most once)
 * and {@link EventLoop#scheduleAtFixedRate} (fires every period until cancelled); cancel it from any
 * thread, or from its own task.
 */
public interface Timer {
    /**
     * Prevents the task from running if it has not run yet (a periodic task: from running again). Any
     * thread, also after the loop stopped.
     */
    void cancel();

    /**
     * Whether {@link #cancel} was called.
     *
     * @return true once cancelled
     */
    boolean isCancelled();

    /**
     * When the task runs next, in {@link System#nanoTime()} terms.
     *
     * @return the deadline in nanoseconds
     */
    long deadlineNanos();
}
