package io.ferry.cli;

import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;
import io.ferry.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Prints which backends can run here and why the others cannot. */
@Command(name = "probe", mixinStandardHelpOptions = true,
    description = "Show which backends (uring, epoll, nio) can run on this machine, and why not.")
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
        return 0;
    }
}
