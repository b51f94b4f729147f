package io.ferry.bench;

import io.ferry.bench.load.EchoLoadGenerator;
import io.ferry.bench.load.EchoLoadResult;
import io.ferry.bench.load.EchoLoadSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry bench echo-load}: drives any echo server and prints msgs/s and latency percentiles. */
@Command(name = "echo-load", mixinStandardHelpOptions = true,
    description = "Drive an echo server (closed loop, bounded in time); print msg/s and latency percentiles.")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", required = true, description = "Server port.")
    private int port;

    @Option(names = "--connections", defaultValue = "64", description = "Connections (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--size", defaultValue = "64", description = "Message bytes, >= 8 (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--depth", defaultValue = "1", description = "Messages in flight per connection (default: 1).")
    private int depth;

    @Option(names = "--warmup", defaultValue = "1", description = "Warm-up seconds (default: ${DEFAULT-VALUE}).")
    private double warmup;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds, max 600 (default: 5).")
    private double seconds;

    @Override
    public Integer call() throws IOException {
        EchoLoadSpec spec = EchoLoadSpec.of(connections, size, depth, warmup, seconds);
        EchoLoadResult r = new EchoLoadGenerator(new InetSocketAddress(host, port), spec).run();
        System.out.println(r);
        return 0;
    }
}
