package io.ferry.bench.stress;

import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;
import io.ferry.Backends;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry stress}: the chaos suite for as long as asked, on one backend or each available one. */
@Command(name = "stress", mixinStandardHelpOptions = true,
    description = {"Seeded chaos against the runtime: hostile clients (resets mid-body, peers that never read, "
        + "half-closes, refused and unresolved connects, Ferry.close() from handlers) with tiny rings and queues; "
        + "checks that nothing hangs or leaks (buffers, descriptors, operations, threads).",
        "Exit 0 when every backend passed; 1 names what leaked or hung, with the seed to replay."})
public final class StressCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "60", description = "Seconds per backend, 1-3600 (default: 60).")
    private int seconds;

    @Option(names = "--backend", defaultValue = "all",
        description = "uring, epoll, nio, or all available (default: all).")
    private String backend;

    @Option(names = "--seed", description = "Seed to replay (default: a new random one, printed).")
    private Long seed;

    @Option(names = "--clients", defaultValue = "8", description = "Client threads, 1-256 (default: 8).")
    private int clients;

    @Option(names = "--moves", split = ",", description = "Only these moves (default: all): ${COMPLETION-CANDIDATES}.")
    private List<ChaosMove> moves;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds < 1 || seconds > 3600 || clients < 1 || clients > 256) {
            System.err.println("stress: --seconds must be 1-3600 and --clients 1-256");
            return 2;
        }
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        List<BackendKind> kinds = kinds();
        if (kinds.isEmpty()) {
            return 1;
        }
        List<StressRun.Result> results = new ArrayList<>();
        for (BackendKind kind : kinds) {
            results.add(new StressRun(kind, s, Duration.ofSeconds(seconds), clients, Duration.ofSeconds(5),
                System.out, moves == null ? EnumSet.allOf(ChaosMove.class) : EnumSet.copyOf(moves)).run());
        }
        boolean passed = results.stream().allMatch(StressRun.Result::passed);
        if (results.size() > 1) {
            results.forEach(r -> System.out.println("  " + r.summary()));
        }
        if (!passed) {
            System.out.println("stress: FAILED; replay with --seed " + s + " --backend <the failing one>");
        }
        return passed ? 0 : 1;
    }

    private List<BackendKind> kinds() {
        List<BackendKind> kinds = new ArrayList<>();
        if (!"all".equalsIgnoreCase(backend)) {
            BackendKind kind = BackendKind.parse(backend);
            Availability a = Backends.availability(kind);
            if (!a.available()) {
                System.err.println("stress: " + backend + " cannot run here: " + a.reason());
                return kinds;
            }
            kinds.add(kind);
            return kinds;
        }
        for (BackendKind kind : List.of(BackendKind.URING, BackendKind.EPOLL, BackendKind.NIO)) {
            Availability a = Backends.availability(kind);
            if (a.available()) {
                kinds.add(kind);
            } else {
                System.out.println("stress[" + kind.name().toLowerCase(Locale.ROOT) + "] skipped: " + a.reason());
            }
        }
        return kinds;
    }
}
