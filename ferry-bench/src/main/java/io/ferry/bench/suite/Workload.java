package io.ferry.bench.suite;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A load a server of one kind ({@link #app()}) is driven with, bounded in time. */
public interface Workload {
    /** Short name as printed, e.g. {@code http-plaintext}. */
    String name();

    /** Which server kind it needs: echo, http or resp. */
    String app();

    /** External tool it needs, or null. */
    default String tool() {
        return null;
    }

    /** Drives {@code target} once and returns what was measured. */
    Measurement run(InetSocketAddress target, double seconds) throws IOException;
}
