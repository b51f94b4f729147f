package io.ferry.bench.files;

import io.ferry.cli.ByteSize;

/**
 * One workload of the file benchmark.
 *
 * @param count  files
 * @param size   bytes per file
 * @param direct O_DIRECT (the page cache bypassed)
 * @param fsync  fsync each file before closing it
 */
public record FileScenario(int count, int size, boolean direct, boolean fsync) {
    /** Total bytes written. */
    public long bytes() {
        return (long) count * size;
    }

    /** {@code 100 x 1 MiB, O_DIRECT + fsync}. */
    public String label() {
        return count + " x " + ByteSize.format(size) + (direct ? ", O_DIRECT" : ", page cache")
            + (fsync ? " + fsync" : "");
    }
}
