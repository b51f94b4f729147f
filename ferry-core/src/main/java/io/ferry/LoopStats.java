package io.ferry;

import io.ferry.buffer.PoolStats;

/**
 * A snapshot of one event loop, taken on its own thread (so the figures are consistent with each
 * other), from {@link Ferry#stats()}.
 *
 * @param loop            the loop's name, e.g. {@code ferry-uring-0}
 * @param openConnections connections open on this loop
 * @param openFiles       files open on this loop
 * @param opsInFlight     operations submitted to the kernel and not completed (0 on idle readiness loops)
 * @param timers          timers waiting to fire
 * @param pool            this loop's buffer pool
 */
public record LoopStats(String loop, int openConnections, int openFiles, int opsInFlight, int timers,
                        PoolStats pool) {
}
