package io.ferry.spi;

import io.ferry.file.internal.BlockingPool;

/**
 * How each loop runs file operations ({@code io.ferry.file.AsyncFile}), set with the
 * {@code Ferry.Builder} file methods. Immutable; any thread.
 *
 * @param blockingThreads  threads of each loop's {@link BlockingPool} on epoll and java.nio (>= 1)
 * @param blockingQueue    operations that may wait for one of those threads (>= 1); beyond it submissions are
 *                         refused, not queued
 * @param uringOpsInFlight file operations each io_uring loop keeps in the kernel at once (>= 1); more wait in
 *                         line on the loop, operations on open files before new opens
 * @param uringFileWorkers the most kernel worker threads (io-wq "bounded" workers) each io_uring loop's ring
 *                         may use for file operations that cannot complete inline: creating opens, fsync,
 *                         O_DIRECT writes, large buffered writes; 0 keeps the kernel's bound, 4 per CPU.
 *                         They start on demand and end when idle
 */
public record FileSettings(int blockingThreads, int blockingQueue, int uringOpsInFlight, int uringFileWorkers) {
    private static final int DEFAULT_THREADS = 64;

    public FileSettings {
        if (blockingThreads < 1 || blockingQueue < 1 || uringOpsInFlight < 1 || uringFileWorkers < 0) {
            throw new IllegalArgumentException("file settings must be >= 1 (io_uring file workers >= 0): "
                + "blocking threads " + blockingThreads
                + ", blocking queue " + blockingQueue + ", io_uring ops in flight " + uringOpsInFlight
                + ", io_uring file workers " + uringFileWorkers);
        }
    }

    /**
     * 64 threads, a queue of 4096, 256 in flight and 64 kernel workers, each overridable with
     * {@code -Dferry.files.threads=N}, {@code -Dferry.files.queue=N}, {@code -Dferry.uring.fileOps=N} and
     * {@code -Dferry.uring.fileWorkers=N}.
     *
     * <p>Why 64 threads and workers, not 8 (the kernel's 4 per CPU here): a blocked file operation
     * holds its thread, and an fsync blocks until its journal commit, so with 8 at most 8 fsyncs join
     * one commit and everything else waits behind them. 1,000 x 64 KiB O_DIRECT + fsync on a journaled
     * ext4 ran 1.3x faster on io_uring and 1.9x on the blocking pool with 64 ({@code ferry bench files
     * --io-wq-workers 8 --pool-threads 8}, ferry-bench/README.md); page cache was level.
     * Both kinds of thread start only when work blocks and end when idle.
     */
    public static FileSettings fromSystemProperties() {
        return new FileSettings(Integer.getInteger("ferry.files.threads", DEFAULT_THREADS),
            Integer.getInteger("ferry.files.queue", 4096), Integer.getInteger("ferry.uring.fileOps", 256),
            Integer.getInteger("ferry.uring.fileWorkers", DEFAULT_THREADS));
    }

    public FileSettings withBlockingThreads(int threads) {
        return new FileSettings(threads, blockingQueue, uringOpsInFlight, uringFileWorkers);
    }

    public FileSettings withBlockingQueue(int capacity) {
        return new FileSettings(blockingThreads, capacity, uringOpsInFlight, uringFileWorkers);
    }

    public FileSettings withUringOpsInFlight(int ops) {
        return new FileSettings(blockingThreads, blockingQueue, ops, uringFileWorkers);
    }

    public FileSettings withUringFileWorkers(int workers) {
        return new FileSettings(blockingThreads, blockingQueue, uringOpsInFlight, workers);
    }
}
