package io.ferry.bench;

import com.sun.management.ThreadMXBean;
import io.ferry.Backends;
import io.ferry.Ferry;
import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;
import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.Cpus;
import io.ferry.bench.harness.ServerProcess;
import io.ferry.bench.load.UdpEchoLoad;
import io.ferry.bench.load.UdpRow;
import io.ferry.bench.load.UdpTally;
import io.ferry.loop.EventLoop;
import io.ferry.servers.echo.UdpEcho;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench udp}: UDP echo on Ferry's backends ({@code ferry serve echo --udp --loops 1}) and Netty's
 * datagram channels ({@code NettyUdpServer}, one event loop), each server in its own process pinned to the
 * server core, driven by {@link UdpEchoLoad} from this JVM on the load core, at 64 B and 1,200 B. All servers run
 * at once and are driven in turn, round after round (round 0 warms up), so a shared machine's noise falls on all
 * of them alike. Per server and size: the median datagrams per second, datagrams lost, and the server process's
 * CPU time (/proc/PID/stat) per datagram echoed. {@code --in-process} instead measures Ferry's loop thread in
 * this JVM, which also gives heap allocation per datagram.
 */
@Command(name = "udp", mixinStandardHelpOptions = true,
    description = "UDP echo, Ferry's backends vs Netty's datagram channels: datagrams/s, loss, server CPU per "
        + "datagram, 64 B and 1200 B.")
public final class UdpBenchCommand implements Callable<Integer> {
    private static final List<Integer> SIZES = List.of(64, 1_200);
    private static final double WARM_UP_SECONDS = 2;
    private static final String BASELINE = "netty-epoll";
    /** The whole run's load time is bounded (servers start in a few seconds each on top). */
    private static final int MAX_SECONDS = 540;

    @Option(names = "--seconds", defaultValue = "5",
        description = "Measured seconds per round (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--runs", defaultValue = "3",
        description = "Measured rounds per server and size; the median rate is kept (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--clients", defaultValue = "4", description = "Client threads (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--window", defaultValue = "16",
        description = "Datagrams in flight per client (default: ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--only", split = ",", description = "Servers to run, e.g. ferry-uring,netty-io_uring.")
    private List<String> only;

    @Option(names = "--in-process",
        description = "Ferry only, in this JVM: loop-thread CPU and heap allocation per datagram (ThreadMXBean).")
    private boolean inProcess;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds <= 0 || seconds > 30 || runs < 1 || runs > 9) {
            throw new IllegalArgumentException("--seconds must be in (0, 30] and --runs in [1, 9]");
        }
        if (inProcess) {
            return inProcess();
        }
        List<Contender> contenders = contenders();
        double planned = SIZES.size() * contenders.size() * (WARM_UP_SECONDS + runs * seconds);
        if (planned > MAX_SECONDS) {
            throw new IllegalArgumentException(String.format("%.0f s of load planned; at most %d s: fewer --runs, "
                + "--seconds or servers (--only)", planned, MAX_SECONDS));
        }
        boolean pinned = Cpus.pinSelfToLoadCore();
        System.out.println(pinned ? "Servers pinned to core " + Cpus.serverCpus() + ", load to core 1."
            : "CPUs not pinned.");
        List<UdpRow> rows = new ArrayList<>();
        Map<String, ServerProcess> started = new LinkedHashMap<>();
        try {
            for (Contender c : contenders) {
                start(c, started, rows);
            }
            for (int size : SIZES) {
                rows.addAll(rounds(started, size));
            }
        } finally {
            started.values().forEach(ServerProcess::close);
        }
        System.out.println();
        System.out.print(UdpRow.markdown(rows, BASELINE));
        return rows.stream().allMatch(r -> r.note() == null) ? 0 : 1;
    }

    /** Ferry on every backend this machine has, then Netty on its three transports; --only filters. */
    private List<Contender> contenders() {
        String cpus = Cpus.serverCpus();
        List<Contender> all = new ArrayList<>();
        for (BackendKind kind : BackendKind.concrete()) {
            all.add(Contender.java("ferry-" + kind.label(), cpus, "io.ferry.bench.Main", "serve", "echo", "--udp",
                "--backend", kind.label(), "--port", "0", "--loops", "1"));
        }
        for (String transport : List.of("io_uring", "epoll", "nio")) {
            all.add(Contender.java("netty-" + transport, cpus, "io.ferry.bench.peers.NettyUdpServer", transport,
                "127.0.0.1", "0"));
        }
        all.removeIf(c -> only != null && !only.contains(c.name()));
        return all;
    }

    private static void start(Contender c, Map<String, ServerProcess> started, List<UdpRow> rows) {
        String why = c.name().startsWith("ferry-") ? unavailable(BackendKind.parse(c.name().substring(6))) : null;
        if (why == null) {
            System.out.println("starting " + c.name());
            try {
                started.put(c.name(), c.start());
                return;
            } catch (IOException | RuntimeException e) {
                why = e.getMessage();
            }
        }
        for (int size : SIZES) {
            rows.add(new UdpTally().row(c.name(), size).withNote(why));
        }
    }

    private static String unavailable(BackendKind kind) {
        Availability a = Backends.availability(kind);
        return a.available() ? null : "skipped: " + a.reason();
    }

    /** Round 0 warms every server up; rounds 1..runs are measured, the servers taking turns within each. */
    private List<UdpRow> rounds(Map<String, ServerProcess> servers, int size) throws InterruptedException {
        Map<String, UdpTally> tallies = new LinkedHashMap<>();
        servers.keySet().forEach(name -> tallies.put(name, new UdpTally()));
        for (int round = 0; round <= runs; round++) {
            for (Map.Entry<String, ServerProcess> e : servers.entrySet()) {
                ServerProcess s = e.getValue();
                UdpEchoLoad load = new UdpEchoLoad(new InetSocketAddress(s.host(), s.port()), clients, size, window);
                try {
                    if (round == 0) {
                        load.run(WARM_UP_SECONDS);
                        continue;
                    }
                    double cpu = s.cpuSeconds();
                    long start = System.nanoTime();
                    UdpEchoLoad.Result r = load.run(seconds);
                    double wall = (System.nanoTime() - start) / 1e9;
                    cpu = s.cpuSeconds() - cpu;
                    tallies.get(e.getKey()).add(r, wall, cpu);
                    System.out.printf("  %,5d B %-16s round %d/%d: %,.0f datagrams/s, %,d lost, %.0f ns CPU each%n",
                        size, e.getKey(), round, runs, r.echoed() / wall, r.lost(),
                        cpu * 1e9 / Math.max(1, r.echoed()));
                } catch (RuntimeException failed) {
                    System.out.printf("  %,5d B %-16s round %d failed: %s%n", size, e.getKey(), round, failed);
                    tallies.get(e.getKey()).failed(String.valueOf(failed.getMessage()));
                }
            }
        }
        List<UdpRow> rows = new ArrayList<>();
        tallies.forEach((name, t) -> rows.add(t.row(name, size)));
        return rows;
    }

    private int inProcess() throws IOException, InterruptedException {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("| backend | size | datagrams echoed | per second | lost | loop CPU ns per datagram "
            + "| loop bytes allocated per datagram |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (BackendKind kind : BackendKind.concrete()) {
            Availability a = Backends.availability(kind);
            if (!a.available()) {
                System.out.println("| " + kind.label() + " | | skipped: " + a.reason() + " | | | | |");
                continue;
            }
            for (int size : SIZES) {
                measureInProcess(threads, kind, size);
            }
        }
        return 0;
    }

    private void measureInProcess(ThreadMXBean threads, BackendKind kind, int size)
        throws IOException, InterruptedException {
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            InetSocketAddress at = UdpEcho.start(ferry, new InetSocketAddress("127.0.0.1", 0), false);
            EventLoop loop = ferry.loops().get(0);
            long tid = loop.await(() -> Thread.currentThread().threadId());
            UdpEchoLoad load = new UdpEchoLoad(at, clients, size, window);
            load.run(WARM_UP_SECONDS); // JIT, pool slabs, queues at their steady size
            long allocated = threads.getThreadAllocatedBytes(tid);
            long cpu = threads.getThreadCpuTime(tid);
            UdpEchoLoad.Result r = load.run(seconds);
            allocated = threads.getThreadAllocatedBytes(tid) - allocated;
            cpu = threads.getThreadCpuTime(tid) - cpu;
            double n = Math.max(1, r.echoed());
            System.out.printf("| %s | %,d B | %,d | %,.0f | %,d | %.0f | %.4f |%n", kind.label(), size, r.echoed(),
                r.echoed() / seconds, r.lost(), cpu / n, allocated / n);
        }
    }
}
