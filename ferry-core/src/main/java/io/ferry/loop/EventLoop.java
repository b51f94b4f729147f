package io.ferry.loop;

import io.ferry.buffer.BufferPool;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One thread that owns a backend driver, a buffer pool, a task queue and timers. Every connection and
 * file lives on one loop, and everything reached from its handlers runs on that loop's thread.
 *
 * <p>Each turn: take back buffers freed on other threads, run queued tasks (up to a budget), fire due
 * timers, then one poll of the backend that submits, waits and dispatches. The wait is bounded by the
 * next timer and skipped when tasks are queued.
 *
 * <p>Threads: {@link #execute}, {@link #schedule}, {@link #call} and {@link #close} from any thread;
 * methods marked "loop thread" only from the loop itself. Obtained from {@code Ferry.loops()} or
 * {@code Connection.loop()}; not implemented by users.
 */
public interface EventLoop extends Executor, AutoCloseable {
    /**
     * Queues {@code task} to run on this loop. Any thread.
     *
     * @throws RejectedExecutionException when the loop has stopped (a closing loop still takes tasks until
     *     its last turn) or its task queue is full
     */
    @Override
    void execute(Runnable task);

    /**
     * Runs {@code task} on the loop after {@code delay}: a negative delay means now, and delays beyond
     * about 73 years are cut to that (deadlines are compared by subtraction, which must not overflow).
     * Any thread.
     *
     * @param task what to run, on the loop thread
     * @param delay how long to wait, in {@code unit}
     * @param unit the unit of {@code delay}
     * @return the timer, to cancel it
     */
    Timer schedule(Runnable task, long delay, TimeUnit unit);

    /**
     * Runs {@code task} on the loop after {@code initialDelay}, then every {@code period} until the
     * returned timer is cancelled (from any thread, or from the task itself). A loop that falls behind
     * skips the periods it missed rather than running them back to back. Any thread.
     *
     * @param task what to run, on the loop thread
     * @param initialDelay how long to wait before the first run, in {@code unit}
     * @param period the time between runs, in {@code unit}
     * @param unit the unit of {@code initialDelay} and {@code period}
     * @return the timer, to cancel it
     * @throws IllegalArgumentException when {@code period} is not positive
     */
    Timer scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit);

    /**
     * Runs {@code task} on the loop. Any thread.
     *
     * @param <T> the task's result type
     * @param task what to run, on the loop thread
     * @return a future completed with the task's result or what it threw
     */
    <T> CompletableFuture<T> call(Callable<T> task);

    /**
     * Like {@link #call} but waits (at most 30 s) for the result; for tests and start-up code, never
     * for the loop's own handlers (on the loop thread it runs {@code task} directly).
     *
     * @param <T> the task's result type
     * @param task what to run, on the loop thread
     * @return what {@code task} returned
     */
    <T> T await(Supplier<T> task);

    /**
     * Makes virtual threads that this loop's own thread carries, so their hand-offs with the loop cost
     * no thread switch (see {@code Ferry.carriesVirtualThreads()}); the JDK's default virtual threads when
     * this JDK does not allow it. Code on such a thread must not block its carrier: blocking JDK file
     * I/O or long computations stall the loop, as they would in a handler. Any thread.
     *
     * @return the factory, the same one on every call
     */
    ThreadFactory virtualThreads();

    /**
     * Wakes the loop if it sleeps (or is about to). Any thread; cheap when the loop is awake.
     */
    void wakeup();

    /**
     * Hands an error to this loop's error handler (see {@code Ferry.Builder.errorHandler}). Loop thread.
     *
     * @param error what a handler or task threw
     */
    void reportError(Throwable error);

    /**
     * True once the loop takes no more tasks ({@link #execute} then always refuses); false while it runs,
     * even when a refusal only meant that its task queue was full. Any thread.
     *
     * @return whether the loop has stopped taking tasks
     */
    boolean hasStopped();

    /**
     * Whether the caller runs on this loop's thread.
     *
     * @return true on the loop thread
     */
    boolean inLoop();

    /**
     * The loop's name, also its thread's name.
     *
     * @return for example {@code ferry-uring-0}
     */
    String name();

    /**
     * This loop's buffers. Loop thread (releasing a buffer is allowed from any thread).
     *
     * @return the pool every buffer of this loop comes from
     */
    BufferPool pool();

    /**
     * Completes when the loop thread has ended.
     *
     * @return the future, the same one on every call
     */
    CompletableFuture<Void> terminationFuture();

    /**
     * Stops the loop: queued tasks run, open connections are closed, the backend waits for its final
     * completions, then the thread ends. Blocks until then (unless called on the loop itself).
     */
    @Override
    void close();
}
