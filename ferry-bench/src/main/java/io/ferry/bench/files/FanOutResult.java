package io.ferry.bench.files;

/**
 * What one fan-out run measured.
 *
 * @param files        files written
 * @param bytes        bytes written in all
 * @param nanos        wall time from the first open to the last close
 * @param ioPath       which path ran the operations (io_uring native, blocking pool ...)
 * @param peakThreads  most threads the process had during the run (io_uring kernel workers included)
 * @param peakKernelWorkers most io_uring kernel workers ({@code iou-wrk-*}) during the run
 * @param threadsBefore threads of the process just before the run
 * @param cpuNanos     CPU time the process used during the run, all threads and kernel workers; -1 if unknown
 */
public record FanOutResult(int files, long bytes, long nanos, String ioPath, int peakThreads, int peakKernelWorkers,
                           int threadsBefore, long cpuNanos) {
    /** Bytes per second. */
    public double bytesPerSecond() {
        return bytes * 1e9 / nanos;
    }

    /** MiB per second. */
    public double mibPerSecond() {
        return bytesPerSecond() / (1024 * 1024);
    }
}
