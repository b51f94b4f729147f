package io.ferry.bench.files;

import java.nio.file.Path;

/** One way of writing a scenario's files into a directory; returns what it measured. */
public interface FileContender {
    String name();

    /** Why it cannot run here, or null. */
    default String unavailableReason() {
        return null;
    }

    /**
     * Writes the scenario's files {@code file-0 .. file-(count-1)} into {@code dir} (which exists and
     * is empty), every file holding the shared pattern of {@code FileFanOut}.
     */
    FanOutResult run(FileScenario scenario, Path dir) throws Exception;
}
