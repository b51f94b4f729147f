package io.ferry.bench.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts this process's threads from {@code /proc/self/task}: every kind (JVM, platform, virtual
 * thread carriers) and, among them, io_uring's kernel workers ({@code iou-wrk-*}, which the kernel
 * starts inside the process for operations it cannot complete inline, such as fsync or a buffered
 * write that must wait). {@link #sample()} tracks the peak of both while a workload runs, listing
 * the threads every 5 ms and reading the name only of threads it has not seen before, so that
 * watching a process with hundreds of threads costs it little.
 *
 * <p>Threads: any thread.
 */
public final class ProcessThreads implements AutoCloseable {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long SAMPLE_NANOS = 5_000_000;
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger peakKernelWorkers = new AtomicInteger();
    /** Thread id to "is an io_uring worker"; a thread's kind does not change. */
    private final Map<String, Boolean> kinds = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private ProcessThreads() {
        sampler = Thread.ofPlatform().daemon(true).name("thread-sampler").start(() -> {
            while (running) {
                record();
                LockSupport.parkNanos(SAMPLE_NANOS);
            }
        });
    }

    private void record() {
        int all = 0;
        int workers = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path t : tasks) {
                all++;
                if (kinds.computeIfAbsent(t.getFileName().toString(), id -> isKernelWorker(t))) {
                    workers++;
                }
            }
        } catch (IOException e) {
            return; // no /proc here: nothing to count
        }
        peak.accumulateAndGet(all, Math::max);
        peakKernelWorkers.accumulateAndGet(workers, Math::max);
    }

    private static boolean isKernelWorker(Path task) {
        try {
            return Files.readString(task.resolve("comm")).startsWith("iou-wrk");
        } catch (IOException e) {
            return false; // the thread ended meanwhile
        }
    }

    /** Threads of this process now, or -1 where {@code /proc} is missing. */
    public static int count() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            int n = 0;
            for (Path ignored : tasks) {
                n++;
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Starts sampling every 5 ms on one extra thread, which {@link #peak()} does not count. */
    public static ProcessThreads sample() {
        return new ProcessThreads();
    }

    /** The most threads seen since sampling began (io_uring kernel workers included), the sampler excluded. */
    public int peak() {
        record();
        return peak.get() - 1;
    }

    /** The most io_uring kernel workers ({@code iou-wrk-*}) seen since sampling began. */
    public int peakKernelWorkers() {
        return peakKernelWorkers.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
