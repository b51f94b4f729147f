package io.ferry.bench;

import io.ferry.backend.BackendKind;
import io.ferry.bench.files.FerryContender;
import io.ferry.bench.files.FileContender;
import io.ferry.bench.files.FileScenario;
import io.ferry.bench.files.FileSystemCheck;
import io.ferry.bench.files.FioContender;
import io.ferry.bench.files.JdkContenders;
import io.ferry.bench.files.FanOutResult;
import io.ferry.bench.files.FileFanOut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench files}: many files written at once by Ferry on io_uring (one thread), Ferry's
 * blocking pool (epoll), the JDK's AsynchronousFileChannel, FileChannel on 100 virtual threads and
 * fio (io_uring engine), one after the other in rounds, each run in a new directory after a
 * {@code sync}, and every Ferry/JDK run's files verified; each round starts with the next contender, as
 * a run's speed depends on its place in the order. Before each workload's measured rounds every
 * contender runs it {@code --warmups} times, not counted: a run lasts milliseconds, so without that
 * the first rounds would time the JIT's work rather than the I/O. Prints a Markdown table (median MiB/s;
 * median CPU time of the whole process during a run, kernel workers included, or fio's own figure,
 * which it counts in whole milliseconds of job time; peak threads) and writes it to {@code bench-results/}.
 */
@Command(name = "files", mixinStandardHelpOptions = true,
    description = "Side-by-side file fan-out benchmark: Ferry io_uring, Ferry blocking pool, JDK, fio.")
public final class FilesBenchCommand implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "3", description = "Rounds; the median is reported (default: 3).")
    private int runs;

    @Option(names = "--warmups", defaultValue = "3",
        description = "Uncounted runs of each workload per contender first (default: ${DEFAULT-VALUE}).")
    private int warmups;

    @Option(names = "--dir", defaultValue = "target/bench files",
        description = "Scratch directory on the file system under test (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Option(names = "--iodepth", defaultValue = "256", description = "fio iodepth (Ferry's io_uring bound is 256).")
    private int iodepth;

    @Option(names = "--only", split = ",", description = "Contenders to run, e.g. ferry-io_uring,fio-io_uring.")
    private List<String> only;

    @Option(names = "--workloads", split = ",", description = "Workloads by number (default: all): 1 = 100 x 1 MiB"
        + " page cache, 2 = 1 with O_DIRECT + fsync, 3 = 1000 x 64 KiB page cache, 4 = 3 with O_DIRECT + fsync.")
    private List<Integer> workloads;

    @Option(names = "--io-wq-workers", split = ",", description = "Also run ferry-io_uring with each of these"
        + " io-wq worker bounds (contenders ferry-io_uring-N-workers; the default is 64).")
    private List<Integer> ioWqWorkers = List.of();

    @Option(names = "--pool-threads", split = ",", description = "Also run ferry-blocking-pool with each of these"
        + " thread counts (contenders ferry-blocking-pool-N-threads; the default is 64).")
    private List<Integer> poolThreads = List.of();

    private int runSequence;

    @Override
    public Integer call() throws Exception {
        FioContender fio = new FioContender(iodepth);
        List<FileContender> contenders = new ArrayList<>(List.of(
            new FerryContender(BackendKind.URING, "ferry-io_uring"),
            new FerryContender(BackendKind.URING, "ferry-io_uring-writefile", true, b -> b),
            new FerryContender(BackendKind.EPOLL, "ferry-blocking-pool"),
            new FerryContender(BackendKind.EPOLL, "ferry-blocking-pool-writefile", true, b -> b)));
        for (int n : ioWqWorkers) {
            contenders.add(new FerryContender(BackendKind.URING, "ferry-io_uring-" + n + "-workers", false,
                b -> b.fileKernelWorkers(n)));
        }
        for (int n : poolThreads) {
            contenders.add(new FerryContender(BackendKind.EPOLL, "ferry-blocking-pool-" + n + "-threads", false,
                b -> b.fileThreads(n)));
        }
        contenders.addAll(List.of(JdkContenders.asynchronousFileChannel(), JdkContenders.fileChannelOnVirtualThreads(),
            fio));
        contenders.removeIf(c -> only != null && !only.contains(c.name()));
        contenders.removeIf(c -> {
            String why = c.unavailableReason();
            if (why != null) {
                System.out.println("skipping " + c.name() + ": " + why);
            }
            return why != null;
        });
        List<FileScenario> all = List.of(new FileScenario(100, 1 << 20, false, false),
            new FileScenario(100, 1 << 20, true, true), new FileScenario(1000, 64 << 10, false, false),
            new FileScenario(1000, 64 << 10, true, true));
        List<FileScenario> scenarios = workloads == null ? all : workloads.stream().map(i -> all.get(i - 1)).toList();
        Files.createDirectories(dir);
        String fsWarning = FileSystemCheck.warning(dir);
        if (fsWarning != null) {
            System.out.println("warning: " + fsWarning);
        }
        StringBuilder md = new StringBuilder("| workload | contender | MiB/s (median) | runs MiB/s | vs fio "
            + "| CPU ms (median) | peak threads (added) | of which iou-wrk |\n"
            + "|---|---|---:|---|---:|---:|---:|---:|\n");
        List<String> fioCommands = new ArrayList<>();
        for (FileScenario s : scenarios) {
            Map<String, List<FanOutResult>> results = new LinkedHashMap<>();
            for (int w = 0; w < warmups; w++) {
                for (FileContender c : contenders) {
                    runOne(c, s); // JIT, page cache, allocators, kernel workers: not counted
                }
            }
            for (int r = 0; r < runs; r++) {
                for (int k = 0; k < contenders.size(); k++) {
                    // Each round starts one contender later: a run's speed depends on what the file system
                    // did just before it (the previous run's deletes, journal commits), so no contender may
                    // keep one place in the order.
                    FileContender c = contenders.get((r + k) % contenders.size());
                    FanOutResult res = runOne(c, s);
                    results.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(res);
                    System.out.printf("%-34s %-30s run %d: %8.1f MiB/s, CPU %.1f ms, peak threads %d (+%d),"
                        + " iou-wrk %d%n", s.label(), c.name(), r + 1, res.mibPerSecond(), res.cpuNanos() / 1e6,
                        res.peakThreads(), res.peakThreads() - res.threadsBefore(), res.peakKernelWorkers());
                }
            }
            if (contenders.contains(fio)) {
                fioCommands.add(fio.lastCommand());
            }
            appendRows(md, s, results);
        }
        String header = "# ferry bench files " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            + "\n\nDirectory " + dir.toAbsolutePath() + " (" + Files.getFileStore(dir).type() + "), " + runs
            + " rounds after " + warmups + " uncounted, " + Runtime.getRuntime().availableProcessors() + " CPUs.\n\n"
            + (fsWarning == null ? "" : "Warning: " + fsWarning + "\n\n");
        String text = header + md + "\nfio commands (each run gets a new directory):\n\n"
            + String.join("\n", fioCommands.stream().map(c -> "    " + c).toList()) + "\n";
        System.out.println();
        System.out.println(text);
        Path out = Path.of("bench-results");
        Files.createDirectories(out);
        Path file = out.resolve("files-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
            + ".md");
        Files.writeString(file, text);
        System.out.println("written to " + file);
        return 0;
    }

    /**
     * One run in a directory of its own, made just before and removed with its files just after, so
     * that no contender inherits a directory another one grew (an ext4 directory keeps the blocks it
     * grew to), and the deletes' journal commits land before the next run, not in it.
     */
    private FanOutResult runOne(FileContender c, FileScenario s) throws Exception {
        Path d = dir.resolve(c.name() + "-" + (++runSequence));
        remove(d); // a leftover of an interrupted run
        Files.createDirectories(d);
        sync();
        try {
            FanOutResult res = c.run(s, d);
            if (!c.name().startsWith("fio")) {
                new FileFanOut(d, s.count(), s.size(), s.direct(), s.fsync(), true).verify();
            }
            return res;
        } finally {
            remove(d);
            sync(); // the deletes' journal commits and discards land now, not in the next run
        }
    }

    private static void remove(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return;
        }
        try (Stream<Path> files = Files.list(d)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(d);
    }

    private static void sync() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private static void appendRows(StringBuilder md, FileScenario s, Map<String, List<FanOutResult>> results) {
        double fioMedian = results.containsKey("fio-io_uring") ? median(results.get("fio-io_uring")) : Double.NaN;
        results.forEach((name, list) -> {
            double m = median(list);
            String all = String.join(", ", list.stream().map(r -> String.format("%.0f", r.mibPerSecond())).toList());
            int peak = list.stream().mapToInt(FanOutResult::peakThreads).max().orElse(-1);
            int added = list.stream().mapToInt(r -> r.peakThreads() - r.threadsBefore()).max().orElse(-1);
            int workers = list.stream().mapToInt(FanOutResult::peakKernelWorkers).max().orElse(-1);
            String threads = peak < 0 ? "separate process, 1 job" : peak + " (+" + added + ")";
            double[] cpu = list.stream().mapToLong(FanOutResult::cpuNanos).filter(n -> n >= 0).sorted()
                .mapToDouble(n -> n / 1e6).toArray();
            md.append(String.format("| %s | %s | %.0f | %s | %s | %s | %s | %s |%n", s.label(), name, m, all,
                Double.isNaN(fioMedian) ? "-" : String.format("%.0f %%", 100 * m / fioMedian),
                cpu.length == 0 ? "-" : String.format("%.1f", cpu[cpu.length / 2]), threads,
                workers < 0 ? "-" : Integer.toString(workers)));
        });
    }

    private static double median(List<FanOutResult> list) {
        double[] v = list.stream().mapToDouble(FanOutResult::mibPerSecond).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
