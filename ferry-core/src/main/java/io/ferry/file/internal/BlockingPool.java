package io.ferry.file.internal;

import io.ferry.loop.EventLoop;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of platform threads and a bounded queue, for work that can only block (file I/O on
 * the readiness backends). A full queue pushes back: {@link #trySubmit} returns false instead of
 * growing the queue or running the task on the caller. Threads start on demand, up to the bound, and
 * end after {@value #IDLE_SECONDS} s without work; they are daemon threads named {@code <name>-N}.
 *
 * <p>Threads: {@link #trySubmit} and {@link #close} from any thread. Tasks run on the pool's threads
 * and hand their results back themselves (typically with {@link EventLoop#execute}).
 */
public final class BlockingPool implements AutoCloseable {
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final long IDLE_SECONDS = 30;
    private final ThreadPoolExecutor executor;
    private final int threads;
    private final int queueCapacity;

    /**
     * @param name          thread name prefix
     * @param threads       most threads (>= 1)
     * @param queueCapacity most tasks waiting for a thread (>= 1)
     */
    public BlockingPool(String name, int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("blocking pool needs >= 1 thread and queue capacity >= 1, got "
                + threads + " and " + queueCapacity);
        }
        this.threads = threads;
        this.queueCapacity = queueCapacity;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            r -> Thread.ofPlatform().daemon(true).name(name + "-" + n.incrementAndGet()).unstarted(r),
            new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true); // a burst of file work does not leave its threads behind
    }

    /** Queues {@code task}; false when the queue is full or the pool is closed (nothing was queued). */
    public boolean trySubmit(Runnable task) {
        if (executor.getQueue().remainingCapacity() == 0 || executor.isShutdown()) {
            return false;
        }
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // lost a race with another producer or with close()
        }
    }

    /** The most threads this pool runs. */
    public int threads() {
        return threads;
    }

    /** The most tasks that may wait. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** Threads started so far (never more than {@link #threads()}). */
    public int startedThreads() {
        return executor.getPoolSize();
    }

    /** Tasks waiting for a thread right now. */
    public int queued() {
        return executor.getQueue().size();
    }

    /**
     * Stops taking tasks and waits (up to 10 s) for queued and running ones to finish, so that no
     * task still uses memory its submitter is about to free.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.getLogger("io.ferry.loop").log(System.Logger.Level.WARNING,
                    "blocking pool tasks still running after " + CLOSE_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
