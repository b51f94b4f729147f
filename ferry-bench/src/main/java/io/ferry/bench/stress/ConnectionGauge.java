package io.ferry.bench.stress;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Client connections of a chaos run: how many are open now, and how many were ever opened. Thread-safe. */
public final class ConnectionGauge {
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();

    /** Counts a connection opened. */
    public void opened() {
        live.incrementAndGet();
        total.incrementAndGet();
    }

    /** Counts a connection closed. */
    public void closed() {
        live.decrementAndGet();
    }

    /** {@return connections open now} */
    public int live() {
        return live.get();
    }

    /** {@return connections ever opened} */
    public long total() {
        return total.get();
    }
}
