package io.ferry.bench.rate;

import java.io.IOException;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Paces a {@link Wire} on a {@link RateSpec}'s schedule and records each latency from the request's
 * intended send time (wrk2's correction for coordinated omission). A connection sends its next
 * request as soon as that request is due and the previous one is answered; when it falls behind (the
 * server was slow) it sends the overdue requests back to back, each charged from its own intended
 * time. Bounded: sending stops with the window, and the run ends when every request meant for it is
 * answered or the drain time is up. Single-threaded; time comes from the injected clock, so tests run
 * it in simulated time.
 */
public final class RateDriver {
    private static final long MAX_LATENCY = 3_600_000_000_000L;
    private final RateSpec spec;
    private final LongSupplier clock;
    private final long[] next;
    private final boolean[] busy;
    private final long[] freeSince;
    private final Histogram latency = new Histogram(MAX_LATENCY, 3);
    private final Histogram lag = new Histogram(MAX_LATENCY, 3);
    private long start;
    private long measureFrom;
    private long end;
    private long answered;
    private int inFlight;

    /** A driver for one run of {@code spec}, reading time in nanoseconds from {@code clock}. */
    public RateDriver(RateSpec spec, LongSupplier clock) {
        this.spec = spec;
        this.clock = clock;
        this.next = new long[spec.connections()];
        this.busy = new boolean[spec.connections()];
        this.freeSince = new long[spec.connections()];
    }

    /** Runs the schedule on {@code wire} (which it does not close) and returns what was measured. */
    public RateResult run(Wire wire) throws IOException {
        start = clock.getAsLong();
        measureFrom = start + spec.warmupNanos();
        end = measureFrom + spec.durationNanos();
        long drainUntil = end + spec.drainNanos();
        java.util.Arrays.fill(freeSince, start);
        long now = start;
        while (now < drainUntil) {
            long wake = sendDue(wire, now);
            if (wake == Long.MAX_VALUE && inFlight == 0) {
                break; // every request of the schedule is answered
            }
            wire.poll(Math.min(wake, drainUntil) - now, this::answered);
            now = clock.getAsLong();
        }
        long unfinished = chargeUnfinished(clock.getAsLong());
        return new RateResult(spec, latency, lag, answered, unfinished, Double.NaN);
    }

    /** Sends every request that is due on a free connection; returns when the next one falls due (MAX: none). */
    private long sendDue(Wire wire, long now) throws IOException {
        long wake = Long.MAX_VALUE;
        for (int c = 0; c < next.length; c++) {
            if (busy[c]) {
                continue;
            }
            long due = spec.intendedNanos(start, c, next[c]);
            if (due >= end) {
                continue; // this connection's part of the schedule is done
            }
            if (due > now) {
                wake = Math.min(wake, due);
                continue;
            }
            wire.send(c);
            busy[c] = true;
            inFlight++;
            if (due >= measureFrom) {
                lag.recordValue(now - Math.max(due, freeSince[c]));
            }
        }
        return wake;
    }

    private void answered(int c) {
        if (!busy[c]) {
            throw new IllegalStateException("a response on connection " + c + " with no request in flight");
        }
        long now = clock.getAsLong();
        long due = spec.intendedNanos(start, c, next[c]);
        if (due >= measureFrom) {
            latency.recordValue(Math.max(0, now - due));
        }
        if (now >= measureFrom && now < end) {
            answered++;
        }
        busy[c] = false;
        inFlight--;
        freeSince[c] = now;
        next[c]++;
    }

    /** Records every request meant for the window that got no response with the wait it has had; returns how many. */
    private long chargeUnfinished(long now) {
        long unfinished = 0;
        for (int c = 0; c < next.length; c++) {
            for (long k = next[c]; ; k++) {
                long due = spec.intendedNanos(start, c, k);
                if (due >= end) {
                    break;
                }
                if (due >= measureFrom) {
                    latency.recordValue(Math.max(0, now - due));
                    unfinished++;
                }
            }
        }
        return unfinished;
    }
}
