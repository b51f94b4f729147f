package io.ferry.loop;

import io.ferry.backend.Backend;
import io.ferry.backend.IoDriver;
import io.ferry.buffer.BufferPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One thread that owns a backend driver, a buffer pool, a task queue and timers.
 *
 * <p>Each iteration: take back buffers freed on other threads, run queued tasks (up to a budget),
 * fire due timers, then one {@link IoDriver#poll} that submits, waits and dispatches. The wait is
 * bounded by the next timer; it is skipped when tasks are queued.
 *
 * <p>Threads: {@link #execute}, {@link #schedule}, {@link #call} and {@link #close} from any thread;
 * everything reached from a handler runs on the loop thread. Waking is skipped unless the loop is
 * about to sleep or sleeping (a Dekker-style flag: the loop publishes "sleeping", then re-checks the
 * queue; producers enqueue, then check the flag). Closing uses the same pairing: the loop's last act is
 * to publish "closed", then wait for producers caught between their check and their enqueue and run
 * what they queued, so every task another thread hands over is either run or refused, never dropped.
 */
public final class EventLoop implements Executor, AutoCloseable {
    /** A quarter of the long range: any two deadlines then differ by less than 2^63 ns. */
    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE >> 2;

    private static final int TASK_BUDGET = 1024;
    private static final VarHandle SLEEPING;

    static {
        try {
            SLEEPING = MethodHandles.lookup().findVarHandle(EventLoop.class, "sleeping", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Backend backend;
    private final BufferPool pool;
    private final ErrorHandler errors;
    private final TaskQueue tasks;
    /**
     * Tasks the loop thread queues for itself (a virtual thread it unparks, for one): no atomic operation
     * needed. Run from the next turn on, before other threads' tasks.
     */
    private final ArrayDeque<Runnable> ownTasks = new ArrayDeque<>();
    private final TimerQueue timers = new TimerQueue();
    private final Set<AutoCloseable> resources = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Thread thread;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final FileSettings files;
    private volatile IoDriver driver;
    private volatile Throwable startFailure;
    private volatile boolean stopping;
    /** Set by the loop thread once it takes no more tasks; {@link #entering} covers the race with producers. */
    private volatile boolean closed;
    /** Other threads between their {@link #closed} check and their enqueue. */
    private final AtomicInteger entering = new AtomicInteger();
    private volatile ThreadFactory virtualThreads;
    @SuppressWarnings("unused") // accessed through SLEEPING
    private volatile boolean sleeping;

    /**
     * Starts a loop thread and opens the backend's driver on it.
     *
     * @throws IOException when the backend cannot be opened (the thread has then ended)
     */
    public EventLoop(String name, Backend backend, BufferPool pool, ErrorHandler errors, int taskCapacity,
                     FileSettings files) throws IOException {
        this.name = name;
        this.files = files;
        this.backend = backend;
        this.pool = pool;
        this.errors = errors;
        this.tasks = new TaskQueue(taskCapacity);
        this.thread = Thread.ofPlatform().name(name).daemon(false).unstarted(this::run);
        pool.bindOwner(thread);
        pool.onForeignReturn(this::wakeup);
        thread.start();
        started.join();
        if (startFailure != null) {
            awaitTermination();
            if (startFailure instanceof IOException io) {
                throw io;
            }
            throw new IOException(backend.kind().label() + " backend failed to start on " + name, startFailure);
        }
    }

    private void run() {
        try {
            driver = backend.open(this);
        } catch (Throwable t) {
            startFailure = t;
            closed = true;
            started.complete(null);
            terminated.complete(null);
            return;
        }
        started.complete(null);
        try {
            while (!stopping) {
                iterate();
            }
            shutdown();
        } catch (Throwable t) {
            errors.onError(t);
            shutdown();
        } finally {
            closeQueue();
            terminated.complete(null);
        }
    }

    /**
     * Stops taking tasks from other threads and runs the last ones: a producer that checked
     * {@link #closed} before it was set is counted in {@link #entering} until its task is queued, so
     * waiting for that count to reach zero and then draining leaves nothing behind. Loop thread.
     */
    private void closeQueue() {
        closed = true;
        while (true) {
            int ran = runTasks();
            if (ran == 0 && entering.get() == 0 && tasks.isEmpty() && ownTasks.isEmpty()) {
                return;
            }
            if (ran == 0) {
                Thread.onSpinWait(); // a producer is between its check and its enqueue: a few instructions
            }
        }
    }

    private void iterate() throws IOException {
        pool.drainReturns();
        runTasks();
        long now = System.nanoTime();
        timers.runDue(now, this);
        long timeout = tasks.isEmpty() && ownTasks.isEmpty() ? timers.nanosUntilNext(System.nanoTime()) : 0;
        if (timeout != 0) {
            SLEEPING.setVolatile(this, true);
            // Producers publish work, then read the flag: every source is re-read after the flag is set.
            // Timers and the loop's own tasks come only from this thread or through the task queue.
            if (!tasks.isEmpty() || pool.hasReturns() || stopping) {
                timeout = 0;
            }
        }
        driver.poll(timeout);
        SLEEPING.setVolatile(this, false);
    }

    /** Runs the tasks the loop queued itself before this turn, then other threads' up to the budget. */
    private int runTasks() {
        int ran = 0;
        for (int own = ownTasks.size(); ran < own; ran++) {
            runSafely(ownTasks.poll());
        }
        Runnable task;
        while (ran < TASK_BUDGET && (task = tasks.poll()) != null) {
            runSafely(task);
            ran++;
        }
        return ran;
    }

    /** Final steps on the loop thread: last tasks, then the driver waits out in-flight operations. */
    private void shutdown() {
        while (runTasks() > 0) {
            // drain what was queued before stopping
        }
        closeResourcesGracefully();
        try {
            driver.close();
        } catch (Throwable t) {
            errors.onError(t);
        }
        while (runTasks() > 0) {
            // the driver's aborts queue each connection's onClosed: deliver them so buffers go home
        }
        pool.drainReturns();
    }

    /** Runs {@code task}, sending anything it throws to the error handler. Loop thread. */
    void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            errors.onError(t);
        }
    }

    /** Hands an error to this loop's error handler. Loop thread. */
    public void reportError(Throwable error) {
        errors.onError(error);
    }

    /**
     * Queues {@code task} to run on this loop. Any thread.
     *
     * @throws RejectedExecutionException when the loop has stopped (a closing loop still takes tasks until
     *     its last turn) or its task queue is full
     */
    @Override
    public void execute(Runnable task) {
        if (!offer(task)) {
            throw new RejectedExecutionException(name + (closed ? " is stopped" : " task queue is full"));
        }
    }

    /**
     * Like {@link #execute} but answers false instead of throwing when the loop cannot take {@code task}:
     * once the loop has closed its queue (see {@link #closeQueue()}; this holds for the loop thread too,
     * which queues continuations of the virtual threads it carries while it ends), or when the queue is
     * full. The loop's own tasks are queued without an atomic operation, others' with a wake-up.
     */
    boolean offer(Runnable task) {
        if (inLoop()) {
            if (closed) {
                return false; // after closeQueue() nothing runs own tasks any more
            }
            ownTasks.add(task);
            return true;
        }
        entering.incrementAndGet();
        try {
            if (closed || !tasks.offer(task)) {
                return false;
            }
        } finally {
            entering.decrementAndGet();
        }
        wakeup();
        return true;
    }

    /**
     * Makes virtual threads that this loop's own thread carries, so their hand-offs with the loop cost
     * no thread switch (see {@link #carriesVirtualThreads()}); the JDK's default virtual threads when
     * this JDK does not allow it. Code on such a thread must not block its carrier: blocking JDK file
     * I/O or long computations stall the loop, as they would in a handler. Any thread.
     */
    public ThreadFactory virtualThreads() {
        ThreadFactory f = virtualThreads;
        if (f == null) {
            f = LoopCarrier.isAvailable() ? LoopCarrier.threadsOn(this)
                : Thread.ofVirtual().name(name + "-vthread-", 0).factory();
            virtualThreads = f;
        }
        return f;
    }

    /**
     * True when {@link #virtualThreads()} are carried by this loop; false (with the reason in
     * {@link #virtualThreadCarrierUnavailableReason()}) when the JDK keeps them on its own carriers,
     * which needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} to change.
     */
    public static boolean carriesVirtualThreads() {
        return LoopCarrier.isAvailable();
    }

    /** Why {@link #carriesVirtualThreads()} is false, or null when it is true. */
    public static String virtualThreadCarrierUnavailableReason() {
        return LoopCarrier.unavailableReason();
    }

    /**
     * Wakes the loop if it sleeps (or is about to). Any thread. The loop itself never needs waking: what
     * it queues while dispatching completions (still flagged as sleeping then) runs in its next turn.
     */
    public void wakeup() {
        if ((boolean) SLEEPING.getVolatile(this) && !inLoop() && SLEEPING.compareAndSet(this, true, false)) {
            IoDriver d = driver;
            if (d != null) {
                d.wakeup();
            }
        }
    }

    /**
     * Runs {@code task} on the loop after {@code delay}: a negative delay means now, and delays beyond
     * about 73 years are cut to that (deadlines are compared by subtraction, which must not overflow).
     * Any thread.
     */
    public Timer schedule(Runnable task, long delay, TimeUnit unit) {
        return enqueue(new Timer(this, task, deadlineAfter(delay, unit)));
    }

    /**
     * Runs {@code task} on the loop after {@code initialDelay}, then every {@code period} until the
     * returned timer is cancelled (from any thread, or from the task itself). A loop that falls behind
     * skips the periods it missed rather than running them back to back. Any thread.
     *
     * @throws IllegalArgumentException when {@code period} is not positive
     */
    public Timer scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        long periodNanos = Math.min(unit.toNanos(period), MAX_DELAY_NANOS);
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + period + " " + unit);
        }
        return enqueue(new Timer(this, task, deadlineAfter(initialDelay, unit), periodNanos));
    }

    /** Now plus {@code delay}, clamped to [0, {@link #MAX_DELAY_NANOS}] so deadline subtraction cannot overflow. */
    private static long deadlineAfter(long delay, TimeUnit unit) {
        return System.nanoTime() + Math.clamp(unit.toNanos(delay), 0L, MAX_DELAY_NANOS);
    }

    private Timer enqueue(Timer t) {
        if (inLoop()) {
            timers.add(t);
        } else {
            execute(() -> timers.add(t));
        }
        return t;
    }

    /** Runs {@code task} on the loop and completes with its result. Any thread. */
    public <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** Like {@link #call} but waits for the result; for tests and start-up code, not for the loop thread. */
    public <T> T await(Supplier<T> task) {
        if (inLoop()) {
            return task.get();
        }
        try {
            return call(task::get).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not answer: " + e, e);
        }
    }

    /**
     * True once the loop takes no more tasks ({@link #execute} then always refuses); false while it runs,
     * even when a refusal only meant that its task queue was full. Any thread.
     */
    public boolean hasStopped() {
        return closed;
    }

    /** True when called on this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    public String name() {
        return name;
    }

    public Backend backend() {
        return backend;
    }

    /** How this loop runs file operations. Any thread. */
    public FileSettings fileSettings() {
        return files;
    }

    /** The backend's per-loop driver. Loop thread (backends and tests). */
    public IoDriver driver() {
        return driver;
    }

    /** This loop's buffers. Loop thread. */
    public BufferPool pool() {
        return pool;
    }

    TimerQueue timers() {
        return timers;
    }

    /** Registers something to close when the loop shuts down (connections). Loop thread. */
    public void track(AutoCloseable resource) {
        resources.add(resource);
    }

    /** Forgets a resource that closed by itself. Loop thread. */
    public void untrack(AutoCloseable resource) {
        resources.remove(resource);
    }

    /** Closes every tracked resource in an orderly way (connections flush first). Loop thread. */
    public void closeResourcesGracefully() {
        for (AutoCloseable r : new ArrayList<>(resources)) {
            try {
                r.close();
            } catch (Exception e) {
                errors.onError(e);
            }
        }
    }

    /** How many tracked resources (connections) are open. Loop thread. */
    public int openResources() {
        return resources.size();
    }

    /**
     * Stops the loop: queued tasks run, open connections are closed, the driver waits for its final
     * completions, then the thread ends. Blocks until then (unless called on the loop itself).
     */
    @Override
    public void close() {
        stopping = true;
        SLEEPING.setVolatile(this, true);
        wakeup();
        if (!inLoop()) {
            awaitTermination();
        }
    }

    private void awaitTermination() {
        terminated.join();
    }

    /** Completes when the loop thread has ended. */
    public CompletableFuture<Void> terminationFuture() {
        return terminated;
    }

    /** {@code ferry-uring-0 (running)}, or {@code (stopped)} once its thread has ended. */
    @Override
    public String toString() {
        return name + (hasStopped() ? " (stopped)" : " (running)");
    }
}
