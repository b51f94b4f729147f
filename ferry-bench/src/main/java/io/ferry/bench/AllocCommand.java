package io.ferry.bench;

import com.sun.management.ThreadMXBean;
import io.ferry.Ferry;
import io.ferry.backend.Backend;
import io.ferry.backend.Backends;
import io.ferry.bench.load.EchoLoadGenerator;
import io.ferry.bench.load.EchoLoadResult;
import io.ferry.bench.load.EchoLoadSpec;
import io.ferry.loop.EventLoop;
import io.ferry.net.Listener;
import io.ferry.servers.echo.EchoHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench alloc}: bytes the event-loop thread allocates per echoed message, on each
 * backend, read from the JVM's per-thread allocation counter
 * ({@code ThreadMXBean.getThreadAllocatedBytes}) around a measured window of echo load. The server
 * runs in this JVM on one loop; the load generator runs on this thread.
 */
@Command(name = "alloc", mixinStandardHelpOptions = true,
    description = "Heap bytes allocated by the loop thread per echoed message, per backend.")
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
        System.out.println("| backend | messages | loop-thread bytes allocated | bytes per message |");
        System.out.println("|---|---:|---:|---:|");
        for (Backend b : Backends.all()) {
            if (!b.availability().available()) {
                System.out.println("| " + b.kind().label() + " | skipped: " + b.availability().reason() + " | | |");
                continue;
            }
            try (Ferry ferry = Ferry.builder().backend(b).loops(1).build()) {
                Listener l = ferry.listen(new InetSocketAddress("127.0.0.1", 0), c -> EchoHandler.INSTANCE);
                EventLoop loop = ferry.loops().get(0);
                long tid = loop.await(() -> Thread.currentThread().threadId());
                // Warm up (JIT, pool slabs, queues grow to their steady size), then measure.
                new EchoLoadGenerator(l.localAddress(), EchoLoadSpec.of(connections, size, 4, 0, 2)).run();
                long before = threads.getThreadAllocatedBytes(tid);
                EchoLoadResult r = new EchoLoadGenerator(l.localAddress(),
                    EchoLoadSpec.of(connections, size, 4, 0, seconds)).run();
                long allocated = threads.getThreadAllocatedBytes(tid) - before;
                System.out.printf("| %s | %,d | %,d | %.4f |%n", b.kind().label(), r.messages(), allocated,
                    allocated / (double) Math.max(1, r.messages()));
            }
        }
        return 0;
    }
}
