package io.ferry.bench.rate;

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
            return new RateDriver(spec, System::nanoTime).run(wire);
        }
    }
}
