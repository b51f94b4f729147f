package io.ferry.bench;

import io.ferry.Backends;
import io.ferry.backend.BackendKind;
import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.Cpus;
import io.ferry.bench.harness.HeapProbe;
import io.ferry.bench.harness.IdleClients;
import io.ferry.bench.harness.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench idle}: what an idle connection costs a server in user-space memory. Each server
 * runs in its own process with a fixed, pre-touched heap (so heap growth does not hide in RSS);
 * after a full GC we read RSS and live heap, open N idle connections, read both again, and divide:
 * (delta RSS + delta live heap) / N covers heap, off-heap and native memory. Kernel socket buffers are
 * not user-space memory and not counted.
 *
 * <p>{@code --app echo}: each connection did one 1-byte echo. {@code --app http}: the HTTP servers (nginx
 * too) after a warm-up of five rounds of connections that each get one request and close (so JIT, class
 * loading and pool growth are not charged to the measured connections, while per-connection tables still
 * grow with them), measured twice: connected only, and after one {@code GET /plaintext} each. For a JVM the
 * memory is its live heap plus the native memory it tracks for data (the resident set moves by megabytes with
 * the JIT's arenas); for nginx, the anonymous resident memory ({@code RssAnon}) of its processes.
 */
@Command(name = "idle", mixinStandardHelpOptions = true,
    description = "User-space memory per idle connection (RSS + live heap), Ferry backends vs Netty.")
public final class IdleCommand implements Callable<Integer> {
    private static final List<String> JVM = HeapProbe.JVM_FLAGS;

    @Option(names = "--connections", defaultValue = "10000", description = "Idle connections to open.")
    private int connections;

    @Option(names = "--only", split = ",", description = "Servers to measure, e.g. ferry-uring,netty-epoll.")
    private List<String> only;

    @Option(names = "--app", defaultValue = "echo",
        description = "echo (each connection does one 1-byte echo) or http (with nginx; connected only, then after "
            + "one GET /plaintext each).")
    private String app;

    @Option(names = "--uring-receive", split = ",", paramLabel = "STRATEGY",
        description = "Also measure Ferry's io_uring with these receive strategies, e.g. per_connection,"
            + "probe_then_read (servers named ferry-uring-STRATEGY).")
    private List<String> uringReceive = List.of();

    @Override
    public Integer call() throws Exception {
        boolean http = app.equals("http");
        if (!http && !app.equals("echo")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--app must be echo or http, not " + app);
        }
        List<Contender> contenders = jvmServers(http ? IdleHttp.JVM : JVM);
        Contender nginx = http ? IdleHttp.nginx(connections) : null;
        if (nginx != null) {
            contenders.add(nginx);
        }
        if (only != null) {
            contenders.removeIf(c -> !only.contains(c.name()));
        }
        if (http) {
            return new IdleHttp(connections).call(contenders);
        }
        System.out.printf("%,d idle connections per server (each did one 1-byte echo), JVM %s%n%n", connections, JVM);
        System.out.println("| server | RSS before MiB | RSS after MiB | live heap delta MiB | bytes per connection |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Contender c : contenders) {
            measure(c);
        }
        return 0;
    }

    /** Ferry on each backend that runs here (io_uring also per --uring-receive strategy), and Netty on each. */
    private List<Contender> jvmServers(List<String> flags) {
        List<Contender> servers = new ArrayList<>();
        for (BackendKind kind : BackendKind.concrete()) {
            if (Backends.availability(kind).available()) {
                Contender ferry = Contender.ferry(app, kind.label(), Cpus.serverCpus(), 1).withJvmFlags(flags);
                servers.add(ferry);
                if (kind == BackendKind.URING) {
                    uringReceive.forEach(s -> servers.add(ferry.withUringReceive(s)));
                }
            }
        }
        for (String t : List.of("io_uring", "epoll", "nio")) {
            servers.add(Contender.netty(app, t, Cpus.serverCpus(), 1).withJvmFlags(flags));
        }
        return servers;
    }

    private void measure(Contender c) throws IOException, InterruptedException {
        try (ServerProcess server = ServerProcess.start(c.command(), 30)) {
            InetSocketAddress at = new InetSocketAddress(server.host(), server.port());
            IdleClients.warmUp(at);
            long heap0 = HeapProbe.liveHeap(server.pid());
            long rss0 = server.rssBytes();
            try (IdleClients open = IdleClients.open(at, connections)) {
                TimeUnit.MILLISECONDS.sleep(500);
                long heap1 = HeapProbe.liveHeap(server.pid());
                long rss1 = server.rssBytes();
                double perConn = ((rss1 - rss0) + (heap1 - heap0)) / (double) connections;
                System.out.printf("| %s | %.1f | %.1f | %.1f | %,.0f |%n", c.name(), rss0 / 1048576.0, rss1 / 1048576.0,
                    (heap1 - heap0) / 1048576.0, perConn);
            }
        } catch (IOException e) {
            System.out.println("| " + c.name() + " | failed: " + e.getMessage() + " | | | |");
        }
    }
}
