package io.ferry.spi;

import io.ferry.loop.EventLoop;

/**
 * What the backends, the connection core and files may ask of the loop that runs them, beyond the
 * public {@link EventLoop}: its driver, its file settings, and the set of resources it closes in order
 * when the runtime shuts down.
 */
public interface LoopContext extends EventLoop {
    /** The backend's per-loop driver. Loop thread. */
    IoDriver driver();

    /** How this loop runs file operations. Any thread. */
    FileSettings fileSettings();

    /** Registers something to close when the runtime shuts down (connections, files). Loop thread. */
    void track(AutoCloseable resource);

    /** Forgets a resource that closed by itself. Loop thread. */
    void untrack(AutoCloseable resource);

    /**
     * This loop's counters, for the connection core and the backend to count into. Loop thread.
     *
     * @return the same object for the loop's life
     */
    LoopCounters counters();

    /**
     * The driver's wait for I/O just returned; what follows until the next wait (dispatching what it
     * returned, tasks, timers) is the stretch a stalled loop is measured over. Loop thread.
     */
    void awoke();
}
