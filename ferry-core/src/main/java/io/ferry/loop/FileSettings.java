package io.ferry.loop;

/**
 * How each loop runs file operations ({@code io.ferry.file.AsyncFile}), set with the
 * {@code Ferry.Builder} file methods. Immutable; any thread.
 *
 * @param blockingThreads  threads of each loop's {@link BlockingPool} on epoll and java.nio (>= 1)
 * @param blockingQueue    operations that may wait for one of those threads (>= 1); beyond it submissions are
 *                         refused, not queued
 * @param uringOpsInFlight file operations each io_uring loop keeps in the kernel at once (>= 1); more wait in
 *                         a FIFO on the loop
 */
public record FileSettings(int blockingThreads, int blockingQueue, int uringOpsInFlight) {
    public FileSettings {
        if (blockingThreads < 1 || blockingQueue < 1 || uringOpsInFlight < 1) {
            throw new IllegalArgumentException("file settings must be >= 1: blocking threads " + blockingThreads
                + ", blocking queue " + blockingQueue + ", io_uring ops in flight " + uringOpsInFlight);
        }
    }

    /**
     * 8 threads, a queue of 4096 and 256 in flight, each overridable with {@code -Dferry.files.threads=N},
     * {@code -Dferry.files.queue=N} and {@code -Dferry.uring.fileOps=N}.
     */
    public static FileSettings fromSystemProperties() {
        return new FileSettings(Integer.getInteger("ferry.files.threads", 8),
            Integer.getInteger("ferry.files.queue", 4096), Integer.getInteger("ferry.uring.fileOps", 256));
    }

    public FileSettings withBlockingThreads(int threads) {
        return new FileSettings(threads, blockingQueue, uringOpsInFlight);
    }

    public FileSettings withBlockingQueue(int capacity) {
        return new FileSettings(blockingThreads, capacity, uringOpsInFlight);
    }

    public FileSettings withUringOpsInFlight(int ops) {
        return new FileSettings(blockingThreads, blockingQueue, ops);
    }
}
