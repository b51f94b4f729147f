package io.ferry.runtime;

import io.ferry.buffer.BufferPool;
import io.ferry.loop.ErrorHandler;
import io.ferry.spi.Backend;
import io.ferry.spi.FileSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Starts a runtime's loops: all of them, or none (the ones started are stopped again). */
public final class LoopThreads {
    private LoopThreads() {
    }

    /**
     * Starts {@code count} loops named {@code ferry-<backend>-<i>}, each with a pool from {@code pools}.
     * If one fails to start, the ones started are closed, their pools freed, and the failure thrown.
     */
    public static List<LoopThread> start(int count, Backend backend, Supplier<BufferPool> pools, ErrorHandler errors,
                                         int taskCapacity, FileSettings files) throws IOException {
        if (count <= 0) {
            throw new IllegalArgumentException("loops must be positive, was " + count);
        }
        List<LoopThread> started = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                BufferPool pool = pools.get();
                try {
                    started.add(new LoopThread("ferry-" + backend.kind().label() + "-" + i, backend, pool, errors,
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
        return List.copyOf(started);
    }
}
