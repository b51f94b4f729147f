package io.ferry.diagnostics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The calling thread's CPU time, for events that tell computing from waiting. */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

    private ThreadCpu() {
    }

    /** {@return the calling thread's CPU time in nanoseconds, or 0 where the JVM cannot measure it} */
    static long now() {
        return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : 0;
    }
}
