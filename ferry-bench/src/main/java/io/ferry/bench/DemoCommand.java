package io.ferry.bench;

import io.ferry.backend.Availability;
import io.ferry.backend.Backend;
import io.ferry.backend.Backends;
import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.Cpus;
import io.ferry.bench.harness.EchoComparison;
import io.ferry.bench.load.EchoLoadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ferry demo}: the echo server on every backend that runs here plus Netty on epoll as a
 * peer, each driven briefly by the same load, and a comparison printed. Takes under two minutes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Echo on every available backend plus a Netty peer, driven briefly, compared.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        boolean pinned = Cpus.pinSelfToLoadCore();
        System.out.println("Ferry demo: which backends run here");
        List<Contender> contenders = new ArrayList<>();
        for (Backend b : Backends.all()) {
            Availability a = b.availability();
            System.out.printf("  %-6s %-4s %s%n", b.kind().label(), a.available() ? "yes" : "no", a.reason());
            if (a.available()) {
                contenders.add(Contender.ferry("echo", b.kind().label(), Cpus.serverCpus(), 1));
            }
        }
        contenders.add(Contender.netty("echo", "epoll", Cpus.serverCpus(), 1));
        System.out.println(pinned ? "Servers on core 0, load generator on core 1."
            : "Could not pin CPUs; figures share cores.");
        EchoLoadSpec spec = EchoLoadSpec.of(32, 64, 4, 1, 3);
        EchoComparison cmp = new EchoComparison(spec, 1, System.out);
        String table = cmp.table(cmp.run(contenders));
        System.out.println();
        System.out.println(table);
        System.out.println("A short, noisy run on a shared machine: for real figures use ./ferry bench.");
        return 0;
    }
}
