package io.ferry.bench;

import com.sun.management.ThreadMXBean;
import io.ferry.Backends;
import io.ferry.Ferry;
import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;
import io.ferry.bench.load.UdpEchoLoad;
import io.ferry.loop.EventLoop;
import io.ferry.servers.echo.UdpEcho;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench udp}: a UDP echo server ({@link UdpEcho}, handler style, one loop) in this JVM on each
 * backend, driven by {@link UdpEchoLoad} from client threads here, at 64 B and 1,200 B: datagrams echoed per
 * second, and the loop thread's CPU time and heap allocation per datagram ({@code ThreadMXBean}), which are
 * all of the server's work since the loop does it all. After a 2 s warm-up per row.
 */
@Command(name = "udp", mixinStandardHelpOptions = true,
    description = "UDP echo: datagrams per second, loop CPU and allocation per datagram, per backend, 64 B and 1200 B.")
public final class UdpBenchCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "5",
        description = "Measured seconds per row (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--clients", defaultValue = "4", description = "Client threads (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--window", defaultValue = "16",
        description = "Datagrams in flight per client (default: ${DEFAULT-VALUE}).")
    private int window;

    @Override
    public Integer call() throws IOException, InterruptedException {
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
            for (int size : List.of(64, 1_200)) {
                measure(threads, kind, size);
            }
        }
        return 0;
    }

    private void measure(ThreadMXBean threads, BackendKind kind, int size) throws IOException, InterruptedException {
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            InetSocketAddress at = UdpEcho.start(ferry, new InetSocketAddress("127.0.0.1", 0), false);
            EventLoop loop = ferry.loops().get(0);
            long tid = loop.await(() -> Thread.currentThread().threadId());
            UdpEchoLoad load = new UdpEchoLoad(at, clients, size, window);
            load.run(2); // warm-up: JIT, pool slabs, queues at their steady size
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
