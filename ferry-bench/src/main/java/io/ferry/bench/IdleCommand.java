package io.ferry.bench;

import io.ferry.Backends;
import io.ferry.backend.BackendKind;
import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.Cpus;
import io.ferry.bench.harness.ServerProcess;
import io.ferry.bench.suite.Tools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench idle}: what an idle connection costs a server in user-space memory. Each server
 * runs in its own process with a fixed, pre-touched heap (so heap growth does not hide in RSS);
 * after a full GC we read RSS and live heap, open N idle connections (each one echo round trip, so
 * it is fully set up), read both again, and divide: (delta RSS + delta live heap) / N covers heap,
 * off-heap and native memory. Kernel socket buffers are not user-space memory and not counted.
 */
@Command(name = "idle", mixinStandardHelpOptions = true,
    description = "User-space memory per idle connection (RSS + live heap), Ferry backends vs Netty.")
public final class IdleCommand implements Callable<Integer> {
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final List<String> JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC");

    @Option(names = "--connections", defaultValue = "10000", description = "Idle connections to open.")
    private int connections;

    @Option(names = "--only", split = ",", description = "Servers to measure, e.g. ferry-uring,netty-epoll.")
    private List<String> only;

    @Option(names = "--uring-receive", split = ",", paramLabel = "STRATEGY",
        description = "Also measure Ferry's io_uring with these receive strategies, e.g. per_connection,"
            + "probe_then_read (servers named ferry-uring-STRATEGY).")
    private List<String> uringReceive = List.of();

    @Override
    public Integer call() throws Exception {
        List<Contender> contenders = new ArrayList<>();
        for (BackendKind kind : BackendKind.concrete()) {
            if (Backends.availability(kind).available()) {
                Contender ferry = Contender.ferry("echo", kind.label(), Cpus.serverCpus(), 1).withJvmFlags(JVM);
                contenders.add(ferry);
                if (kind == BackendKind.URING) {
                    uringReceive.forEach(s -> contenders.add(ferry.withUringReceive(s)));
                }
            }
        }
        for (String t : List.of("io_uring", "epoll", "nio")) {
            contenders.add(Contender.netty("echo", t, Cpus.serverCpus(), 1).withJvmFlags(JVM));
        }
        if (only != null) {
            contenders.removeIf(c -> !only.contains(c.name()));
        }
        System.out.printf("%,d idle connections per server (each did one 1-byte echo), JVM %s%n%n", connections, JVM);
        System.out.println("| server | RSS before MiB | RSS after MiB | live heap delta MiB | bytes per connection |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Contender c : contenders) {
            measure(c);
        }
        return 0;
    }

    private void measure(Contender c) throws IOException, InterruptedException {
        try (ServerProcess server = ServerProcess.start(c.command(), 30)) {
            InetSocketAddress at = new InetSocketAddress(server.host(), server.port());
            warmUp(at);
            long heap0 = liveHeap(server.pid());
            long rss0 = server.rssBytes();
            List<SocketChannel> open = new ArrayList<>(connections);
            try {
                for (int i = 0; i < connections; i++) {
                    open.add(pingOnce(at));
                }
                TimeUnit.MILLISECONDS.sleep(500);
                long heap1 = liveHeap(server.pid());
                long rss1 = server.rssBytes();
                double perConn = ((rss1 - rss0) + (heap1 - heap0)) / (double) connections;
                System.out.printf("| %s | %.1f | %.1f | %.1f | %,.0f |%n", c.name(), rss0 / 1048576.0, rss1 / 1048576.0,
                    (heap1 - heap0) / 1048576.0, perConn);
            } finally {
                for (SocketChannel ch : open) {
                    ch.close();
                }
            }
        } catch (IOException e) {
            System.out.println("| " + c.name() + " | failed: " + e.getMessage() + " | | | |");
        }
    }

    private static void warmUp(InetSocketAddress at) throws IOException {
        for (int i = 0; i < 100; i++) {
            pingOnce(at).close();
        }
    }

    /** Connects and does one 1-byte echo, so the connection is fully established on both sides. */
    private static SocketChannel pingOnce(InetSocketAddress at) throws IOException {
        SocketChannel ch = SocketChannel.open(at);
        ch.write(java.nio.ByteBuffer.wrap(new byte[] {42}));
        java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
        while (one.hasRemaining()) {
            if (ch.read(one) < 0) {
                throw new IOException("server closed the connection");
            }
        }
        return ch;
    }

    /** Live heap after a full GC (all generations), via jcmd of this JDK. */
    private static long liveHeap(long pid) throws IOException {
        String jcmd = ProcessHandle.current().info().command().orElse("java").replaceAll("java$", "jcmd");
        Tools.run(List.of(jcmd, Long.toString(pid), "GC.run"), 30);
        String info = Tools.run(List.of(jcmd, Long.toString(pid), "GC.heap_info"), 30);
        Matcher m = HEAP_USED.matcher(info);
        long used = -1;
        while (m.find()) { // one line per generation
            used = Math.max(used, 0) + Long.parseLong(m.group(1)) * 1024;
        }
        if (used < 0) {
            throw new IOException("could not read heap use from jcmd: " + info);
        }
        return used;
    }
}
