package io.ferry.bench.suite;

import io.ferry.bench.rate.EchoProtocol;
import io.ferry.bench.rate.HttpProtocol;
import io.ferry.bench.rate.Protocol;
import io.ferry.bench.rate.RateLoad;
import io.ferry.bench.rate.RateSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Comparator;

/**
 * A fixed request rate through Ferry's constant-rate generator ({@link RateLoad}): HTTP
 * {@code GET /plaintext} keep-alive or 64-byte echo, latency from each request's intended send time.
 * The median run is the one with the median p99, since every run aims at the same rate.
 *
 * @param name        as printed, e.g. {@code http-plaintext at 50 %}
 * @param app         http or echo
 * @param rate        requests per second over all connections
 * @param connections connections, one request in flight on each
 * @param spin        whether the generator spins on short waits (see {@link io.ferry.bench.rate.NioWire})
 */
public record RateWorkload(String name, String app, double rate, int connections, boolean spin) implements Workload {
    private static final double WARM_UP_SECONDS = 1;

    /** Checks that {@code app} is http or echo. */
    public RateWorkload {
        if (!app.equals("http") && !app.equals("echo")) {
            throw new IllegalArgumentException("constant-rate workloads exist for http and echo, not " + app);
        }
    }

    @Override
    public Comparator<Measurement> order() {
        return Comparator.comparingDouble(Measurement::p99Micros);
    }

    @Override
    public Measurement run(InetSocketAddress target, double seconds) throws IOException {
        Protocol protocol = app.equals("http") ? new HttpProtocol(target.getHostString(), "/plaintext")
            : new EchoProtocol(64);
        return Measurement.of(RateLoad.run(target, protocol, RateSpec.of(connections, rate, WARM_UP_SECONDS, seconds),
            spin));
    }
}
