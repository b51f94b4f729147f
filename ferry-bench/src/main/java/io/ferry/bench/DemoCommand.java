package io.ferry.bench;

import io.ferry.backend.Availability;
import io.ferry.Backends;
import io.ferry.backend.BackendKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ferry demo}: a quick run of the benchmark suite over Ferry's own backends, the blocking
 * style on virtual threads on the best backend, plus one peer per protocol (Netty on epoll;
 * redis-server for RESP), so a newcomer sees everything work in about two minutes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Servers on every available backend plus a peer, driven briefly, compared (about 2 minutes).")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
        System.out.println("Ferry demo: which backends run here");
        List<String> servers = new ArrayList<>(List.of("netty-epoll", "redis-server"));
        String best = null;
        for (BackendKind kind : BackendKind.concrete()) {
            Availability a = Backends.availability(kind);
            System.out.printf("  %-6s %-4s %s%n", kind.label(), a.available() ? "yes" : "no", a.reason());
            servers.add("ferry-" + kind.label());
            if (best == null && a.available()) {
                best = kind.label();
                servers.add("ferry-" + best + "-blocking");
            }
        }
        List<String> workloads = List.of("echo-64B-x16", "http-plaintext", "http-pipelined-16", "resp-get-P16");
        int code = BenchCommand.runSuite(true, 1, 2, servers, workloads);
        System.out.println("A short, noisy run on a shared machine: for real figures run ./ferry bench.");
        return code;
    }
}
