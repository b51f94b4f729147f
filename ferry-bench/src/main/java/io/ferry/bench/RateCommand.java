package io.ferry.bench;

import io.ferry.bench.rate.EchoProtocol;
import io.ferry.bench.rate.HttpProtocol;
import io.ferry.bench.rate.Protocol;
import io.ferry.bench.rate.RateLoad;
import io.ferry.bench.rate.RateResult;
import io.ferry.bench.rate.RateSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench rate}: drives one HTTP or echo server on loopback at a constant request rate and
 * prints the achieved rate and p50/p99/p99.9/max latency, measured from each request's intended send
 * time (coordinated omission corrected, as wrk2 does).
 */
@Command(name = "rate", mixinStandardHelpOptions = true,
    description = "Constant request rate against one server on loopback; latency from the intended send time.")
public final class RateCommand implements Callable<Integer> {
    @Option(names = "--app", defaultValue = "http", description = "http (GET PATH, keep-alive) or echo (default: "
        + "${DEFAULT-VALUE}).")
    private String app;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Loopback address (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", required = true, description = "Server port.")
    private int port;

    @Option(names = "--rate", required = true, description = "Requests per second in total, over all connections.")
    private double rate;

    @Option(names = "--connections", defaultValue = "64", description = "Connections, one request in flight on each "
        + "(default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--path", defaultValue = "/plaintext", description = "HTTP path (default: ${DEFAULT-VALUE}).")
    private String path;

    @Option(names = "--size", defaultValue = "64", description = "Echo message bytes (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--warmup", defaultValue = "1", description = "Paced seconds before measuring (default: 1).")
    private double warmup;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds, max 600 (default: 5).")
    private double seconds;

    @Option(names = "--spin", description = "Spin on waits under 1 ms instead of parking: exact send times, but only "
        + "for a load core of its own (see NioWire).")
    private boolean spin;

    @Override
    public Integer call() throws IOException {
        Protocol protocol = switch (app) {
            case "http" -> new HttpProtocol(host, path);
            case "echo" -> new EchoProtocol(size);
            default -> throw new IllegalArgumentException("--app must be http or echo");
        };
        RateResult r = RateLoad.run(new InetSocketAddress(host, port), protocol,
            RateSpec.of(connections, rate, warmup, seconds), spin);
        System.out.println(r);
        return r.unfinished() == 0 ? 0 : 1;
    }
}
