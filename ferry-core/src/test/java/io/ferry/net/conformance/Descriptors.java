package io.ferry.net.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** This process's open file descriptors (/proc/self/fd), for tests that check nothing is left open. */
final class Descriptors {
    private Descriptors() {
    }

    static long open() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /**
     * Waits up to {@code millis} for the count to come back to {@code before} (java.nio gives a registered
     * channel's descriptor back at the selector's next turn, not in close()); returns the count then.
     */
    static long settleTo(long before, long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long now = open();
        while (now > before && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
            now = open();
        }
        return now;
    }
}
