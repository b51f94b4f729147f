package io.ferry.bench.rate;

import io.ferry.bench.harness.SchedStat;
import java.io.IOException;
import java.net.InetSocketAddress;

/** One constant-rate run against a real server over loopback: {@link NioWire} driven by {@link RateDriver}. */
public final class RateLoad {
    private RateLoad() {
    }

    /**
     * Connects (loopback only), runs {@code spec} of {@code protocol} on {@code server}, and closes;
     * {@code spin}: see {@link NioWire}.
     */
    public static RateResult run(InetSocketAddress server, Protocol protocol, RateSpec spec, boolean spin)
        throws IOException {
        if (server.getAddress() == null || !server.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("constant-rate load runs on loopback only, not " + server);
        }
        try (NioWire wire = new NioWire(server, protocol, spec.connections(), spin)) {
            long queued = SchedStat.threadRunQueueNanos();
            long start = System.nanoTime();
            RateResult r = new RateDriver(spec, System::nanoTime).run(wire);
            long queuedAfter = SchedStat.threadRunQueueNanos();
            return r.withGeneratorRunQueueShare(queued < 0 || queuedAfter < 0 ? Double.NaN
                : (queuedAfter - queued) / (double) (System.nanoTime() - start));
        }
    }
}
