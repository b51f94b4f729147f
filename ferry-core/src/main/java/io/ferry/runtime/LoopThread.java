package io.ferry.runtime;

import io.ferry.spi.FileSettings;
import io.ferry.spi.Backend;
import io.ferry.diagnostics.LoopStallEvent;
import io.ferry.spi.IoDriver;
import io.ferry.spi.LoopContext;
import io.ferry.spi.LoopCounters;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.internal.PoolAccess;
import io.ferry.loop.ErrorHandler;
import io.ferry.loop.EventLoop;
import io.ferry.loop.Timer;
import io.ferry.net.Connection;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@link EventLoop} implementation: one thread that owns a backend driver, a buffer pool, a task
 * queue and timers, and what the runtime needs of it beyond the public interface (the driver, file
 * settings, the resources to close on shutdown).
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
public final class LoopThread implements LoopContext {
    /** A quarter of the long range: any two deadlines then differ by less than 2^63 ns. */
    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE >> 2;

    private static final int TASK_BUDGET = 1024;
    /** Turns of tasks a shutdown runs before it stops waiting for the queue to run dry. */
    private static final int SHUTDOWN_TURNS = 10_000;
    private static final AtomicBoolean WARNED_JDK_CARRIERS = new AtomicBoolean();
    private static final VarHandle SLEEPING;

    static {
        try {
            SLEEPING = MethodHandles.lookup().findVarHandle(LoopThread.class, "sleeping", boolean.class);
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
    private final LoopCounters counters = new LoopCounters();
    private final LoopStallEvent stall = new LoopStallEvent();
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
    public LoopThread(String name, Backend backend, BufferPool pool, ErrorHandler errors, int taskCapacity,
                     FileSettings files) throws IOException {
        this.name = name;
        this.files = files;
        this.backend = backend;
        this.pool = pool;
        this.errors = errors;
        this.tasks = new TaskQueue(taskCapacity);
        this.thread = Thread.ofPlatform().name(name).daemon(false).unstarted(this::run);
        PoolAccess.bindOwner(pool, thread);
        PoolAccess.onForeignReturn(pool, this::wakeup);
        thread.start();
        started.join();
        if (startFailure != null) {
            awaitTermination();
            if (startFailure instanceof IOException io) {
                throw io;
            }
            throw new IOException(backend.kind().label() + " backend failed to start on " + name, startFailure);
        }
        if (!pool.trimInterval().isZero()) { // memory a burst took goes back one to two intervals after it
            long periodMs = Math.max(1, pool.trimInterval().toMillis());
            scheduleAtFixedRate(pool::trim, periodMs, periodMs, TimeUnit.MILLISECONDS);
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
        PoolAccess.drainReturns(pool);
        int ran = runTasks();
        long now = System.nanoTime();
        stall.ran(0, ran, timers.runDue(now, this));
        long timeout = tasks.isEmpty() && ownTasks.isEmpty() ? timers.nanosUntilNext(System.nanoTime()) : 0;
        if (timeout != 0) {
            SLEEPING.setVolatile(this, true);
            // Producers publish work, then read the flag: every source is re-read after the flag is set.
            // Timers and the loop's own tasks come only from this thread or through the task queue.
            if (!tasks.isEmpty() || PoolAccess.hasReturns(pool) || stopping) {
                timeout = 0;
            }
        }
        stall.waiting();
        int handled = driver.poll(timeout);
        SLEEPING.setVolatile(this, false);
        counters.polled(handled);
        stall.ran(handled, 0, 0);
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
        boolean settled = drainTasks(); // what was queued before stopping
        closeResourcesGracefully();
        try {
            driver.close();
        } catch (Throwable t) {
            errors.onError(t);
        }
        settled &= drainTasks(); // the driver's aborts queue each connection's onClosed: buffers go home
        if (!settled) {
            errors.onError(new IllegalStateException(name + ": tasks kept queueing more for " + SHUTDOWN_TURNS
                + " turns while it shut down (a task that re-queues itself?); the queue closes now, refusing them"));
        }
        PoolAccess.drainReturns(pool);
    }

    /**
     * Runs tasks until a turn runs none, for at most {@link #SHUTDOWN_TURNS} turns: a task that queues itself
     * again each time it runs (a retry) would otherwise keep the loop from ever stopping. Whatever is still
     * queued then runs in {@link #closeQueue()}, where queueing more is refused.
     *
     * @return true when the queue ran dry within the bound
     */
    private boolean drainTasks() {
        for (int turn = 0; turn < SHUTDOWN_TURNS; turn++) {
            if (runTasks() == 0) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code task}, sending anything it throws to the error handler. Loop thread. */
    void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            errors.onError(t);
        }
    }

    @Override
    public void reportError(Throwable error) {
        errors.onError(error);
    }

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

    @Override
    public ThreadFactory virtualThreads() {
        ThreadFactory f = virtualThreads;
        if (f == null) {
            if (LoopCarrier.isAvailable()) {
                f = LoopCarrier.threadsOn(this);
            } else {
                warnJdkCarriersOnce();
                f = Thread.ofVirtual().name(name + "-vthread-", 0).factory();
            }
            virtualThreads = f;
        }
        return f;
    }

    /** A degraded mode, said once per JVM: every hand-off between a virtual thread and its loop switches threads. */
    private static void warnJdkCarriersOnce() {
        if (WARNED_JDK_CARRIERS.compareAndSet(false, true)) {
            System.getLogger("io.ferry.loop").log(System.Logger.Level.WARNING, "virtual threads run on the JDK's"
                + " carriers, not on Ferry's loops (" + LoopCarrier.unavailableReason() + "); to let the loops carry"
                + " them, add --add-opens java.base/java.lang=io.ferry.core (ALL-UNNAMED on the class path)");
        }
    }

    @Override
    public void wakeup() {
        if ((boolean) SLEEPING.getVolatile(this) && !inLoop() && SLEEPING.compareAndSet(this, true, false)) {
            IoDriver d = driver;
            if (d != null) {
                d.wakeup();
            }
        }
    }

    @Override
    public Timer schedule(Runnable task, long delay, TimeUnit unit) {
        return enqueue(new ScheduledTask(this, task, deadlineAfter(delay, unit)));
    }

    @Override
    public Timer scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        long periodNanos = Math.min(unit.toNanos(period), MAX_DELAY_NANOS);
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + period + " " + unit);
        }
        return enqueue(new ScheduledTask(this, task, deadlineAfter(initialDelay, unit), periodNanos));
    }

    /** Now plus {@code delay}, clamped to [0, {@link #MAX_DELAY_NANOS}] so deadline subtraction cannot overflow. */
    private static long deadlineAfter(long delay, TimeUnit unit) {
        return System.nanoTime() + Math.clamp(unit.toNanos(delay), 0L, MAX_DELAY_NANOS);
    }

    private ScheduledTask enqueue(ScheduledTask t) {
        if (inLoop()) {
            timers.add(t);
        } else {
            execute(() -> timers.add(t));
        }
        return t;
    }

    @Override
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

    @Override
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

    @Override
    public boolean hasStopped() {
        return closed;
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public String name() {
        return name;
    }

    /** The backend this loop runs. */
    public Backend backend() {
        return backend;
    }

    @Override
    public FileSettings fileSettings() {
        return files;
    }

    @Override
    public IoDriver driver() {
        return driver;
    }

    @Override
    public BufferPool pool() {
        return pool;
    }

    TimerQueue timers() {
        return timers;
    }

    @Override
    public void track(AutoCloseable resource) {
        resources.add(resource);
    }

    @Override
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

    /** Open connections among the tracked resources. Loop thread. */
    public int openConnections() {
        int n = 0;
        for (AutoCloseable r : resources) {
            if (r instanceof Connection) {
                n++;
            }
        }
        return n;
    }

    /** Timers waiting to fire. Loop thread. */
    @Override
    public void awoke() {
        stall.awoke();
    }

    @Override
    public LoopCounters counters() {
        return counters;
    }

    /**
     * Tasks other threads queued that the loop has not run yet. Any thread (an estimate while producers run).
     *
     * @return the queue's depth
     */
    public int queuedTasks() {
        return tasks.size();
    }

    public int pendingTimers() {
        return timers.size();
    }

    /** How many tracked resources (connections) are open. Loop thread. */
    public int openResources() {
        return resources.size();
    }

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

    @Override
    public CompletableFuture<Void> terminationFuture() {
        return terminated;
    }

    /** {@code ferry-uring-0 (running)}, or {@code (stopped)} once its thread has ended. */
    @Override
    public String toString() {
        return name + (hasStopped() ? " (stopped)" : " (running)");
    }
}
