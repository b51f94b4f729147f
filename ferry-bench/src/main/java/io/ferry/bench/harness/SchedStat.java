package io.ferry.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Run-queue delay from {@code /proc/.../schedstat} (its second field: nanoseconds a thread was
 * runnable but waiting for a CPU). It tells a server that sat idle while requests waited (a stall:
 * little CPU, little run-queue delay) from one the machine did not run (little CPU, much delay).
 */
public final class SchedStat {
    private SchedStat() {
    }

    /** The run-queue delay of all live threads of process {@code pid}, in nanoseconds, or -1 when unreadable. */
    public static long processRunQueueNanos(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            long sum = 0;
            for (Path t : tasks.toList()) {
                long n = read(t.resolve("schedstat"));
                sum += Math.max(0, n); // a thread may end while we list
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The machine's CPU pressure so far ({@code /proc/pressure/cpu}, "some" total): microseconds in
     * which at least one runnable task waited for a CPU; -1 when unreadable. Over a run, its growth
     * divided by the wall time says how contended the whole machine was.
     */
    public static long cpuPressureMicros() {
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).getFirst();
            return Long.parseLong(some.substring(some.indexOf("total=") + 6).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The calling thread's run-queue delay in nanoseconds, or -1 when unreadable. */
    public static long threadRunQueueNanos() {
        return read(Path.of("/proc/thread-self/schedstat"));
    }

    private static long read(Path schedstat) {
        try {
            return Long.parseLong(Files.readString(schedstat).trim().split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
