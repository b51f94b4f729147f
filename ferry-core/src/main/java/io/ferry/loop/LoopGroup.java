package io.ferry.loop;

import io.ferry.backend.Backend;
import io.ferry.buffer.BufferPool;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * N event loops on one backend, thread-per-core by default, each with its own buffer pool. New
 * connections are spread round-robin; a connection stays on its loop for life.
 */
public final class LoopGroup implements AutoCloseable {
    private final List<EventLoop> loops;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * Starts {@code count} loops. If one fails to start, the ones started are closed and the failure
     * is thrown.
     */
    public LoopGroup(int count, Backend backend, Supplier<BufferPool> pools, ErrorHandler errors, int taskCapacity,
                     FileSettings files) throws IOException {
        if (count <= 0) {
            throw new IllegalArgumentException("loops must be positive, was " + count);
        }
        List<EventLoop> started = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                BufferPool pool = pools.get();
                try {
                    started.add(new EventLoop("ferry-" + backend.kind().label() + "-" + i, backend, pool, errors,
                        taskCapacity, files));
                } catch (IOException | RuntimeException e) {
                    pool.close();
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(l -> {
                l.close();
                l.pool().close();
            });
            throw e;
        }
        this.loops = List.copyOf(started);
    }

    /** The loops, in order. */
    public List<EventLoop> loops() {
        return loops;
    }

    public int size() {
        return loops.size();
    }

    public EventLoop get(int index) {
        return loops.get(index);
    }

    /** The next loop, round-robin. Any thread. */
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
