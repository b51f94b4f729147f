package io.ferry.servers.faults;

import io.ferry.backend.BackendKind;
import io.ferry.spi.Fault;
import io.ferry.spi.FaultInjector;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A seeded schedule of faults for one backend: the n-th decision at each site (receive, send, short send,
 * accept, submit) is a pure function of the seed, the site and n, so a seed names one schedule and
 * {@code -Dferry.faults.seed=N} replays it (which connection meets the n-th decision still depends on timing).
 * Rates are low enough that traffic keeps flowing; a reset is rarer than a retryable fault because it ends a
 * connection. Only faults that arise on the backend are drawn: ENOBUFS and ECANCELED are io_uring
 * completions, an EAGAIN from submit is {@code io_uring_enter}'s. Thread-safe and allocation-free, as the
 * loops call it.
 */
final class FaultPlan implements FaultInjector {
    private static final int RECV = 0;
    private static final int SEND = 1;
    private static final int SHORT = 2;
    private static final int ACCEPT = 3;
    private static final int SUBMIT = 4;
    /** Per read on the readiness backends. */
    private static final double READ_RATE = 0.03;
    /**
     * Per arming of io_uring's multishot receive, which happens once per connection and again after each
     * receive that ends (a fault, a pause): far fewer decisions than reads, so a higher rate.
     */
    private static final double ARM_RATE = 0.3;
    private static final double SEND_RATE = 0.03;
    private static final double SHORT_RATE = 0.10;
    private static final double ACCEPT_RATE = 0.2;
    private static final double SUBMIT_RATE = 0.01;
    /** Of the receive and send faults, the share that resets the connection. */
    private static final double RESET_SHARE = 0.2;

    private final long seed;
    private final boolean uring;
    /** {@code -Dferry.faults.intensity=X} multiplies every rate (default 1) for harsher sweeps. */
    private final double intensity = Double.parseDouble(System.getProperty("ferry.faults.intensity", "1"));
    private final double recvRate;
    private final AtomicLongArray decisions = new AtomicLongArray(5);
    private final AtomicLongArray injected = new AtomicLongArray(Fault.values().length + 1);
    private volatile boolean on = true;

    FaultPlan(long seed, BackendKind kind) {
        this.seed = seed;
        this.uring = kind == BackendKind.URING;
        this.recvRate = rate(uring ? ARM_RATE : READ_RATE);
    }

    long seed() {
        return seed;
    }

    /** How much harsher than the default schedule this one is (1: the default). */
    double intensity() {
        return intensity;
    }

    /** Stops injecting: what follows runs as in production. */
    void stop() {
        on = false;
    }

    /** Faults injected so far, by kind (short sends as SHORT_SEND). */
    String injected() {
        StringBuilder out = new StringBuilder();
        List<Fault> kinds = List.of(Fault.values());
        for (Fault f : kinds) {
            if (injected.get(f.ordinal()) > 0) {
                out.append(f).append('=').append(injected.get(f.ordinal())).append(' ');
            }
        }
        return out.append("SHORT_SEND=").append(injected.get(kinds.size())).toString();
    }

    /** Faults of every kind injected so far. */
    long total() {
        long n = 0;
        for (int i = 0; i < injected.length(); i++) {
            n += injected.get(i);
        }
        return n;
    }

    @Override
    public Fault recv() {
        double u = draw(RECV);
        if (u >= recvRate) {
            return Fault.NONE;
        }
        if (u < recvRate * RESET_SHARE) {
            return count(Fault.RESET);
        }
        if (!uring) {
            return count(Fault.WOULD_BLOCK);
        }
        return count(u < recvRate * (1 + RESET_SHARE) / 2 ? Fault.NO_BUFFERS : Fault.CANCELED);
    }

    @Override
    public Fault send() {
        double u = draw(SEND);
        if (u >= rate(SEND_RATE)) {
            return Fault.NONE;
        }
        return count(u < rate(SEND_RATE) * RESET_SHARE ? Fault.RESET : Fault.WOULD_BLOCK);
    }

    @Override
    public long sendLength(long offered) {
        double u = draw(SHORT);
        if (offered < 2 || u >= rate(SHORT_RATE)) {
            return offered;
        }
        injected.incrementAndGet(Fault.values().length);
        return 1 + (long) (u / rate(SHORT_RATE) * (offered - 1));
    }

    @Override
    public Fault accept() {
        return draw(ACCEPT) < rate(ACCEPT_RATE) ? count(Fault.NO_DESCRIPTORS) : Fault.NONE;
    }

    @Override
    public Fault submit() {
        return uring && draw(SUBMIT) < rate(SUBMIT_RATE) ? count(Fault.WOULD_BLOCK) : Fault.NONE;
    }

    /** A base rate times the intensity, kept below 0.9 so that every operation still gets through. */
    private double rate(double base) {
        return Math.min(0.9, base * intensity);
    }

    private Fault count(Fault f) {
        injected.incrementAndGet(f.ordinal());
        return f;
    }

    /** The next decision at {@code site} as a number in [0, 1); 1 (no fault) once stopped. */
    private double draw(int site) {
        if (!on) {
            return 1;
        }
        long n = decisions.getAndIncrement(site);
        return (mix(seed * 0x9E3779B97F4A7C15L + site * 0xBF58476D1CE4E5B9L + n) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser: consecutive inputs give independent-looking outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        String replay = "-Dferry.faults.seed=" + seed
            + (intensity == 1 ? "" : " -Dferry.faults.intensity=" + intensity);
        return "fault seed " + seed + " (replay: " + replay + "); injected " + injected();
    }
}
