package io.ferry.loop;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N event loops on one backend, thread-per-core by default, each with its own buffer pool. New
 * connections are spread round-robin; a connection stays on its loop for life.
 */
public final class LoopGroup implements AutoCloseable {
    private final List<EventLoop> loops;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * Groups loops that are already running; {@link #close()} then stops them and frees their pools.
     * The runtime makes its group ({@code Ferry.loops()}); there is rarely a reason to make another.
     *
     * @param loops the running loops, in the order {@link #next()} hands them out
     * @throws IllegalArgumentException when {@code loops} is empty
     */
    public LoopGroup(List<? extends EventLoop> loops) {
        if (loops.isEmpty()) {
            throw new IllegalArgumentException("a loop group needs at least one loop");
        }
        this.loops = List.copyOf(loops);
    }

    /**
     * The loops, in order.
     *
     * @return an unmodifiable list
     */
    public List<EventLoop> loops() {
        return loops;
    }

    /**
     * How many loops the group holds.
     *
     * @return at least 1
     */
    public int size() {
        return loops.size();
    }

    /**
     * One loop by position.
     *
     * @param index from 0 to {@link #size()} - 1
     * @return the loop
     * @throws IndexOutOfBoundsException when {@code index} is out of range
     */
    public EventLoop get(int index) {
        return loops.get(index);
    }

    /**
     * The next loop, round-robin. Any thread.
     *
     * @return a loop of this group
     */
    public EventLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /** Stops every loop (each waits for its final completions), then frees their pools. */
    @Override
    public void close() {
        for (EventLoop l : loops) {
            l.close();
        }
        for (EventLoop l : loops) {
            l.pool().close();
        }
    }

    /** {@code 2 loops [ferry-uring-0, ferry-uring-1]}. */
    @Override
    public String toString() {
        return loops.size() + (loops.size() == 1 ? " loop " : " loops ") + loops.stream().map(EventLoop::name).toList();
    }
}
