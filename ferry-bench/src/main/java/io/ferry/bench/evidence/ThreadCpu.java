package io.ferry.bench.evidence;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * CPU time per thread of this process, grouped by a classifier of thread names, over a window.
 * io_uring's kernel workers ({@code iou-wrk-*}) run inside the process but come and go, and a
 * thread's time disappears from {@code /proc} when it ends; so a sampler lists
 * {@code /proc/self/task} every 10 ms and keeps each thread's last reading. The time comes from
 * {@code schedstat} (nanoseconds on the CPU) where the kernel has it, else from {@code stat} (10 ms ticks).
 *
 * <p>Threads: {@link #start} and {@link #stop} from one thread; the sampler is its own daemon thread.
 */
public final class ThreadCpu {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long SAMPLE_NANOS = 10_000_000;
    private static final String SAMPLER = "ev-sampler"; // under 16 characters, so comm holds all of it
    private final Map<String, Long> startNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> lastNanos = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread sampler;

    private ThreadCpu() {
        sample(startNanos);
        sampler = Thread.ofPlatform().daemon(true).name(SAMPLER).start(() -> {
            while (running) {
                sample(lastNanos);
                LockSupport.parkNanos(SAMPLE_NANOS);
            }
        });
    }

    /** {@return a sampler that has read every thread's CPU time as the window's start} */
    public static ThreadCpu start() {
        return new ThreadCpu();
    }

    /**
     * Ends the window and sums each thread's CPU time in it by group; the sampler itself is left out.
     *
     * @param classify a thread's name to its group
     * @return CPU nanoseconds per group, in first-seen order
     */
    public Map<String, Long> stop(Function<String, String> classify) {
        running = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample(lastNanos);
        Map<String, Long> groups = new LinkedHashMap<>();
        lastNanos.forEach((tid, nanos) -> {
            String name = names.getOrDefault(tid, "?");
            if (!name.equals(SAMPLER)) {
                groups.merge(classify.apply(name), nanos - startNanos.getOrDefault(tid, 0L), Long::sum);
            }
        });
        return groups;
    }

    private void sample(Map<String, Long> into) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path t : tasks) {
                String tid = t.getFileName().toString();
                try {
                    TaskStat stat = TaskStat.parse(Files.readString(t.resolve("stat")));
                    names.putIfAbsent(tid, stat.name());
                    into.put(tid, runNanos(t, stat));
                } catch (IOException | IllegalArgumentException ended) {
                    // the thread ended between listing and reading: its last sample stands
                }
            }
        } catch (IOException e) {
            // no /proc here: nothing to measure
        }
    }

    private static long runNanos(Path task, TaskStat stat) {
        try {
            return Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return stat.cpuNanos();
        }
    }
}
