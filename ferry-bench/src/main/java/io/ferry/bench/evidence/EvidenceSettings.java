package io.ferry.bench.evidence;

import java.util.List;

/**
 * How big an evidence run is.
 *
 * @param mode             {@code full}, {@code quick} or {@code tiny} (tests), printed in the document
 * @param connections      N of the memory measurement
 * @param connectionCounts connection counts of the batching measurement
 * @param seconds          length of each load window
 * @param fileCount        files of the file workload
 * @param fileSize         bytes per file
 */
public record EvidenceSettings(String mode, int connections, List<Integer> connectionCounts, double seconds,
                               int fileCount, int fileSize) {
    /** {@return the full run: 10,000 connections, 5 s windows, 100 files of 1 MiB} */
    public static EvidenceSettings full() {
        return new EvidenceSettings("full", 10_000, List.of(1, 16, 64), 5, 100, 1 << 20);
    }

    /** {@return the quick run: 2,000 connections, 1.5 s windows, 100 files of 256 KiB} */
    public static EvidenceSettings quick() {
        return new EvidenceSettings("quick", 2_000, List.of(1, 16, 64), 1.5, 100, 256 << 10);
    }

    /** {@return a run of seconds, for tests: 40 connections, 0.3 s windows, 8 files of 64 KiB} */
    public static EvidenceSettings tiny() {
        return new EvidenceSettings("tiny", 40, List.of(1, 16, 64), 0.3, 8, 64 << 10);
    }
}
