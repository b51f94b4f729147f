package io.ferry.loop;

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
 *                         O_DIRECT writes, large buffered writes; 0 (the default) keeps the kernel's bound,
 *                         4 per CPU. They start on demand and end when idle. More of them let more fsyncs
 *                         and O_DIRECT writes reach the disk at once, which may or may not help it: on
 *                         this project's virtio disk A/B runs went both ways (ferry-bench/README.md)
 */
public record FileSettings(int blockingThreads, int blockingQueue, int uringOpsInFlight, int uringFileWorkers) {
    public FileSettings {
        if (blockingThreads < 1 || blockingQueue < 1 || uringOpsInFlight < 1 || uringFileWorkers < 0) {
            throw new IllegalArgumentException("file settings must be >= 1 (io_uring file workers >= 0): "
                + "blocking threads " + blockingThreads
                + ", blocking queue " + blockingQueue + ", io_uring ops in flight " + uringOpsInFlight
                + ", io_uring file workers " + uringFileWorkers);
        }
    }

    /**
     * 8 threads, a queue of 4096, 256 in flight and the kernel's worker bound, each overridable with
     * {@code -Dferry.files.threads=N}, {@code -Dferry.files.queue=N}, {@code -Dferry.uring.fileOps=N} and
     * {@code -Dferry.uring.fileWorkers=N}.
     */
    public static FileSettings fromSystemProperties() {
        return new FileSettings(Integer.getInteger("ferry.files.threads", 8),
            Integer.getInteger("ferry.files.queue", 4096), Integer.getInteger("ferry.uring.fileOps", 256),
            Integer.getInteger("ferry.uring.fileWorkers", 0));
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
