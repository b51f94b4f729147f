package io.ferry.bench.evidence;

import io.ferry.Ferry;
import io.ferry.bench.files.FanOutResult;
import io.ferry.bench.files.FileFanOut;
import io.ferry.bench.files.FileScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Claim 5: which threads did the work. {@link ThreadCpu} sums CPU time per group of threads of this
 * process over a window: the event loop, Ferry's blocking file pool, io_uring's kernel workers and
 * SQPOLL thread (which run inside the process), the load generator (left out of the server's
 * share), and the JVM's other threads (GC, JIT, ...). Workloads: an echo load (64 connections, 16
 * deep) and the 100-files fan-out in its page-cache, O_DIRECT and fsync variants, each on every variant.
 */
final class ThreadEvidence {
    static final String LOOP = "event loop";
    static final String FILE_POOL = "Ferry file pool";
    static final String IOU_WORKERS = "iou-wrk (kernel)";
    static final String IOU_SQPOLL = "iou-sqp (kernel)";
    static final String LOAD = "load generator";
    static final String JVM = "other JVM threads";
    /** The groups in table order. */
    static final List<String> GROUPS = List.of(LOOP, FILE_POOL, IOU_WORKERS, IOU_SQPOLL, JVM);

    /**
     * One workload on one variant.
     *
     * @param workload    e.g. {@code echo 64 x 16} or {@code 100 x 1 MiB, page cache}
     * @param variant     its name
     * @param wallMillis  how long the window was
     * @param cpuMillis   CPU milliseconds per group in the window
     */
    record Row(String workload, String variant, double wallMillis, Map<String, Double> cpuMillis) {
        /** {@return the CPU time of every group but the load generator} */
        double serverCpu() {
            return GROUPS.stream().mapToDouble(g -> cpuMillis.getOrDefault(g, 0.0)).sum();
        }

        /** {@return the group's part of the CPU time of the threads that do I/O: loop, file pool, kernel workers} */
        double ioShare(String group) {
            double io = serverCpu() - cpuMillis.getOrDefault(JVM, 0.0);
            return io == 0 ? Double.NaN : cpuMillis.getOrDefault(group, 0.0) / io;
        }
    }

    private ThreadEvidence() {
    }

    static List<Row> sockets(List<Variant> variants, double seconds, Consumer<String> progress)
        throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (Variant v : variants) {
            progress.accept("threads: echo 64 x 16 on " + v.name());
            try (EchoTarget target = EchoTarget.start(v)) {
                target.load(1, 1, Math.min(seconds, 0.5));
                String loop = target.stats().loops().getFirst().loop();
                ThreadCpu cpu = ThreadCpu.start();
                long t0 = System.nanoTime();
                target.load(64, BatchingEvidence.PIPELINED, seconds);
                rows.add(row("echo 64 x " + BatchingEvidence.PIPELINED, v.name(), t0, cpu.stop(classifier(loop))));
            }
        }
        return rows;
    }

    /** The three file scenarios of claim 5: page cache, O_DIRECT, and page cache with fsync. */
    static List<FileScenario> fileScenarios(int count, int size) {
        return List.of(new FileScenario(count, size, false, false), new FileScenario(count, size, true, false),
            new FileScenario(count, size, false, true));
    }

    static List<Row> files(List<Variant> variants, List<FileScenario> scenarios, Path dir, Consumer<String> progress,
                           List<String> notes) throws Exception {
        List<Row> rows = new ArrayList<>();
        int run = 0;
        for (FileScenario s : scenarios) {
            for (Variant v : variants) {
                progress.accept("threads: files " + s.label() + " on " + v.name());
                try (Ferry ferry = v.build()) {
                    String loop = ferry.stats().loops().getFirst().loop();
                    fanOut(ferry, s, dir.resolve("warm-" + (++run))); // JIT and kernel workers: not counted
                    ThreadCpu cpu = ThreadCpu.start();
                    long t0 = System.nanoTime();
                    fanOut(ferry, s, dir.resolve("run-" + (++run)));
                    rows.add(row(s.label(), v.name(), t0, cpu.stop(classifier(loop))));
                } catch (IOException e) {
                    notes.add("files " + s.label() + " on " + v.name() + " failed here: " + e.getMessage());
                    progress.accept("threads: failed: " + e.getMessage());
                }
            }
        }
        return rows;
    }

    private static FanOutResult fanOut(Ferry ferry, FileScenario s, Path d) throws Exception {
        try {
            return new FileFanOut(d, s.count(), s.size(), s.direct(), s.fsync(), true).run(ferry, false);
        } finally {
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.walk(d)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static Row row(String workload, String variant, long t0, Map<String, Long> nanos) {
        double wall = (System.nanoTime() - t0) / 1e6;
        Map<String, Double> millis = new java.util.LinkedHashMap<>();
        nanos.forEach((g, n) -> millis.put(g, n / 1e6));
        return new Row(workload, variant, wall, millis);
    }

    /**
     * Groups thread names ({@code comm}, at most 15 characters) around the loop called {@code loop}.
     *
     * @param loop the loop's thread name
     * @return a thread name to its group
     */
    static Function<String, String> classifier(String loop) {
        String loopComm = loop.length() > 15 ? loop.substring(0, 15) : loop;
        return name -> {
            if (name.equals(loopComm)) {
                return LOOP;
            } else if (name.startsWith(loop + "-")) {
                return FILE_POOL; // the pool's threads are named after their loop
            } else if (name.startsWith("iou-wrk")) {
                return IOU_WORKERS;
            } else if (name.startsWith("iou-sqp")) {
                return IOU_SQPOLL;
            } else if (name.equals(EchoTarget.LOAD_THREAD)) {
                return LOAD;
            }
            return JVM;
        };
    }
}
