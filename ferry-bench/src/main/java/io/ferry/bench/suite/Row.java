package io.ferry.bench.suite;

/**
 * One server under one workload: the median run, and what the server process used.
 *
 * @param workload           workload name
 * @param server             contender name
 * @param median             median run by throughput, or null when it failed
 * @param cpuMicrosPerRequest server CPU time (user + system) per request over all runs
 * @param rssMiB             server resident memory after the runs
 * @param error              why it failed (median null), or a note on runs that failed, or null
 * @param runQueueShare      the server's threads' time waiting for a CPU over the wall time of its runs
 *                           (can exceed 1 with several threads; NaN when unknown)
 * @param kernelCpuShare     the part of the server's CPU time spent in the kernel (system time), NaN when unknown
 */
public record Row(String workload, String server, Measurement median, double cpuMicrosPerRequest, double rssMiB,
                  String error, double runQueueShare, double kernelCpuShare) {
    /** A row without run-queue figures. */
    public Row(String workload, String server, Measurement median, double cpuMicrosPerRequest, double rssMiB,
               String error) {
        this(workload, server, median, cpuMicrosPerRequest, rssMiB, error, Double.NaN, Double.NaN);
    }

    /** A row without the kernel's share of the CPU time. */
    public Row(String workload, String server, Measurement median, double cpuMicrosPerRequest, double rssMiB,
               String error, double runQueueShare) {
        this(workload, server, median, cpuMicrosPerRequest, rssMiB, error, runQueueShare, Double.NaN);
    }
}
