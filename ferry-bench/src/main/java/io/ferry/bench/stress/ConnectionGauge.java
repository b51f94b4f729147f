package io.ferry.bench.stress;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Client connections of a chaos run: how many are open now, and how many were ever opened. Thread-safe. */
final class ConnectionGauge {
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();

    void opened() {
        live.incrementAndGet();
        total.incrementAndGet();
    }

    void closed() {
        live.decrementAndGet();
    }

    int live() {
        return live.get();
    }

    long total() {
        return total.get();
    }
}
