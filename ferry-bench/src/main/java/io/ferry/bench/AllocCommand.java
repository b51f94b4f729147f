package io.ferry.bench;

import com.sun.management.ThreadMXBean;
import io.ferry.Ferry;
import io.ferry.backend.Backend;
import io.ferry.backend.Backends;
import io.ferry.bench.load.EchoLoadGenerator;
import io.ferry.bench.load.EchoLoadResult;
import io.ferry.bench.load.EchoLoadSpec;
import io.ferry.loop.EventLoop;
import io.ferry.net.blocking.FerryServer;
import io.ferry.servers.echo.BlockingEcho;
import io.ferry.servers.echo.EchoHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench alloc}: bytes the event-loop thread allocates per echoed message, on each
 * backend and in both styles (handler, and blocking on virtual threads), read from the JVM's
 * per-thread allocation counter ({@code ThreadMXBean.getThreadAllocatedBytes}) around a measured
 * window of echo load. The server runs in this JVM on one loop; the load generator runs on this
 * thread. The blocking style's virtual threads are carried by the loop thread, so their allocations
 * (continuation stacks included) count there too; without loop carriers the row says it cannot be
 * measured this way. For the same reason the loop thread's CPU time per message
 * ({@code getThreadCpuTime}) is all the server's work in both styles, a cost figure that noise from
 * other processes on the machine disturbs far less than throughput.
 */
@Command(name = "alloc", mixinStandardHelpOptions = true,
    description = "Heap bytes allocated by the loop thread per echoed message, per backend and style.")
public final class AllocCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per backend.")
    private double seconds;

    @Option(names = "--connections", defaultValue = "16", description = "Concurrent connections.")
    private int connections;

    @Option(names = "--size", defaultValue = "64", description = "Message size in bytes.")
    private int size;

    @Override
    public Integer call() throws IOException {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("| backend | style | messages | loop-thread bytes allocated | bytes per message "
            + "| loop-thread CPU ns per message |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (Backend b : Backends.all()) {
            if (!b.availability().available()) {
                System.out.println("| " + b.kind().label() + " | | skipped: " + b.availability().reason() + " | | |");
                continue;
            }
            measure(threads, b, false);
            if (EventLoop.carriesVirtualThreads()) {
                measure(threads, b, true);
            } else {
                System.out.println("| " + b.kind().label() + " | blocking | not measured: "
                    + EventLoop.virtualThreadCarrierUnavailableReason() + " | | |");
            }
        }
        return 0;
    }

    private void measure(ThreadMXBean threads, Backend b, boolean blocking) throws IOException {
        try (Ferry ferry = Ferry.builder().backend(b).loops(1).build()) {
            InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
            InetSocketAddress address = blocking ? FerryServer.bind(ferry, any, BlockingEcho.INSTANCE).localAddress()
                : ferry.listen(any, c -> EchoHandler.INSTANCE).localAddress();
            EventLoop loop = ferry.loops().get(0);
            long tid = loop.await(() -> Thread.currentThread().threadId());
            // Warm up (JIT, pool slabs, queues grow to their steady size), then measure.
            new EchoLoadGenerator(address, EchoLoadSpec.of(connections, size, 4, 0, 2)).run();
            long before = threads.getThreadAllocatedBytes(tid);
            long cpuBefore = threads.getThreadCpuTime(tid);
            EchoLoadResult r = new EchoLoadGenerator(address, EchoLoadSpec.of(connections, size, 4, 0, seconds)).run();
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            long cpu = threads.getThreadCpuTime(tid) - cpuBefore;
            double messages = Math.max(1, r.messages());
            System.out.printf("| %s | %s | %,d | %,d | %.4f | %.0f |%n", b.kind().label(),
                blocking ? "blocking" : "handler", r.messages(), allocated, allocated / messages, cpu / messages);
        }
    }
}
