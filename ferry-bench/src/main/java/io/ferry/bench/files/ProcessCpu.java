package io.ferry.bench.files;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * CPU time this process has used, all its threads together, those that ended included: the JVM's,
 * and io_uring's kernel workers, which run inside the process. The difference across a run is what
 * the run cost, however many threads did the work. Read with
 * {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}, which counts nanoseconds; the JVM's
 * {@code getProcessCpuTime} counts 10 ms clock ticks here, as long as a whole run. Any thread.
 */
public final class ProcessCpu {
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    private static final MethodHandle CLOCK_GETTIME = Linker.nativeLinker().downcallHandle(
        Linker.nativeLinker().defaultLookup().find("clock_gettime").orElseThrow(),
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    private ProcessCpu() {
    }

    /** CPU nanoseconds used so far, or -1 where the clock cannot be read. */
    public static long nanos() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ts = arena.allocate(16, 8);
            int r = (int) CLOCK_GETTIME.invokeExact(CLOCK_PROCESS_CPUTIME_ID, ts);
            return r != 0 ? -1 : ts.get(JAVA_LONG, 0) * 1_000_000_000L + ts.get(JAVA_LONG, 8);
        } catch (Throwable e) {
            throw new IllegalStateException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", e);
        }
    }

    /** {@code now - before}, or -1 when either is unknown. */
    public static long since(long before) {
        long now = nanos();
        return before < 0 || now < 0 ? -1 : now - before;
    }
}
