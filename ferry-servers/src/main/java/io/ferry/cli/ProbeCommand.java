package io.ferry.cli;

import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;
import io.ferry.Backends;
import io.ferry.backend.UringReceiveStrategy;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Prints which backends can run here and why the others cannot, and which io_uring receive strategies. */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = "Show which backends (uring, epoll, nio) and io_uring receive strategies can run on this machine,"
        + " and why not.")
public final class ProbeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (BackendKind kind : BackendKind.concrete()) {
            Availability a = Backends.availability(kind);
            System.out.printf("%-6s %-4s %s%n", kind.label(), a.available() ? "yes" : "no", a.reason());
        }
        String auto;
        try {
            auto = Backends.resolve(BackendKind.AUTO).label();
        } catch (UnsupportedOperationException e) {
            auto = "none"; // each reason is printed above
        }
        System.out.println("auto   ->   " + auto);
        System.out.println("io_uring receive strategies (--uring-receive, -Dferry.uring.receive):");
        for (UringReceiveStrategy s : UringReceiveStrategy.values()) {
            Availability a = Backends.uringReceiveAvailability(s);
            System.out.printf("  %-16s %-4s %s (Linux %s+)%s%n", s.name().toLowerCase(Locale.ROOT),
                a.available() ? "yes" : "no", a.reason(), s.minimumKernel(),
                s == UringReceiveStrategy.PROVIDED_RING ? ", the default" : "");
        }
        return 0;
    }
}
