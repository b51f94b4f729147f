package io.ferry.bench;

import io.ferry.backend.Backend;
import io.ferry.backend.Backends;
import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.Cpus;
import io.ferry.bench.harness.EchoComparison;
import io.ferry.bench.load.EchoLoadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench}: side-by-side runs of Ferry and its peers in one process tree, one after the
 * other, each bounded in time, results printed and written as Markdown to {@code bench-results/}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Side-by-side benchmark of Ferry's backends and Netty (echo).")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Short runs (1 s warm-up, 3 s measured, 1 run).")
    private boolean quick;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per contender; the median is reported.")
    private int runs;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per run (max 600).")
    private double seconds;

    @Option(names = "--connections", defaultValue = "64", description = "Concurrent connections.")
    private int connections;

    @Option(names = "--size", defaultValue = "64", description = "Message size in bytes (>= 8).")
    private int size;

    @Option(names = "--depth", defaultValue = "1", description = "Messages in flight per connection.")
    private int depth;

    @Option(names = "--only", split = ",", description = "Contenders to run, e.g. ferry-uring,netty-io_uring.")
    private List<String> only;

    @Override
    public Integer call() throws IOException {
        boolean pinned = Cpus.pinSelfToLoadCore();
        EchoLoadSpec spec = quick ? EchoLoadSpec.of(connections, size, depth, 1, 3)
            : EchoLoadSpec.of(connections, size, depth, 2, seconds);
        int n = quick ? 1 : runs;
        List<Contender> contenders = new ArrayList<>();
        for (Backend b : Backends.all()) {
            if (b.availability().available()) {
                contenders.add(Contender.ferry("echo", b.kind().label(), Cpus.serverCpus(), 1));
                contenders.add(Contender.ferryBlocking("echo", b.kind().label(), Cpus.serverCpus(), 1));
            } else {
                System.out.println("skipping ferry-" + b.kind().label() + ": " + b.availability().reason());
            }
        }
        contenders.add(Contender.jdkVirtualThreads("echo", Cpus.serverCpus()));
        for (String t : List.of("io_uring", "epoll", "nio")) {
            contenders.add(Contender.netty("echo", t, Cpus.serverCpus(), 1));
        }
        if (only != null) {
            contenders.removeIf(c -> !only.contains(c.name()));
        }
        EchoComparison cmp = new EchoComparison(spec, n, System.out);
        String table = cmp.table(cmp.run(contenders));
        String header = "# ferry bench " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "\n\n"
            + (pinned ? "Servers pinned to core 0, load generator to core 1.\n\n" : "CPUs not pinned.\n\n");
        System.out.println();
        System.out.println(table);
        Path dir = Path.of("bench-results");
        Files.createDirectories(dir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = dir.resolve("echo-" + stamp + ".md");
        Files.writeString(file, header + table);
        System.out.println("written to " + file);
        return 0;
    }
}
