package io.ferry.bench;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.bench.files.FanOutResult;
import io.ferry.bench.files.FileFanOut;
import io.ferry.bench.files.ProcessThreads;
import io.ferry.cli.ByteSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry files}: writes many files at once from one event-loop thread, checks their content,
 * and prints the throughput, which path ran the file operations (io_uring native or the blocking
 * pool) and how many threads the process used.
 */
@Command(name = "files", mixinStandardHelpOptions = true,
    description = "Write COUNT files of SIZE at once from one loop thread, verify them, print bytes/s and threads.")
public final class FilesCommand implements Callable<Integer> {
    @Option(names = "--count", defaultValue = "100", description = "Files (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--size", defaultValue = "1MiB", converter = ByteSize.class,
        description = "Bytes per file, e.g. 4096, 64KiB, 1MiB (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--dir", required = true, description = "Directory to write into (created if missing).")
    private Path dir;

    @Option(names = "--backend", defaultValue = "auto",
        description = "auto, uring, epoll or nio (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--direct", description = "O_DIRECT (not on tmpfs; sizes must be multiples of 4096).")
    private boolean direct;

    @Option(names = "--fsync", description = "fsync every file before closing it.")
    private boolean fsync;

    @Option(names = "--whole-file", description = "One AsyncFile.writeFile call per file (on io_uring a linked chain"
        + " of open, write, fsync, close) instead of four calls.")
    private boolean wholeFile;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        FileFanOut fanOut = new FileFanOut(dir, count, size, direct, fsync, false);
        int threadsAtStart = ProcessThreads.count();
        FanOutResult r;
        String backendLabel;
        try (Ferry ferry = Ferry.builder().backend(BackendKind.parse(backend)).loops(1).build()) {
            backendLabel = ferry.backend().label();
            r = fanOut.run(ferry, wholeFile);
        }
        fanOut.verify();
        System.out.printf("files: %d x %s in %s (%s)%s%s%n", count, ByteSize.format(size), dir.toAbsolutePath(),
            Files.getFileStore(dir).type(), direct ? ", O_DIRECT" : ", page cache", fsync ? ", fsync" : "");
        System.out.printf("backend %s, one loop thread; file operations: %s%n", backendLabel, r.ioPath());
        System.out.printf("wrote %,d bytes in %.1f ms: %,.0f bytes/s (%.1f MiB/s)%n", r.bytes(), r.nanos() / 1e6,
            r.bytesPerSecond(), r.mibPerSecond());
        System.out.printf("CPU: %.1f ms, all threads of the process together (io_uring kernel workers included)%n",
            r.cpuNanos() / 1e6);
        System.out.printf("verified %d files: content correct%n", count);
        System.out.printf("process threads: %d at peak during the writes, of which %d io_uring kernel workers"
            + " (iou-wrk); %d before Ferry started, %d just before the writes%n", r.peakThreads(),
            r.peakKernelWorkers(), threadsAtStart, r.threadsBefore());
        return 0;
    }
}
