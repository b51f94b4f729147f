package io.ferry.bench.rate;

import java.util.ArrayDeque;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * A server and a clock in simulated time, for {@link RateDriver} tests: one worker that answers
 * requests in arrival order, each taking {@code serviceNanos}, and does nothing during
 * [{@code stallFrom}, {@code stallUntil}) (a GC pause, a loop that does not wake up). Polling advances
 * the clock to the next response or to the end of the wait.
 */
final class SimulatedServer implements Wire, LongSupplier {
    private final long serviceNanos;
    private final long stallFrom;
    private final long stallUntil;
    private final ArrayDeque<long[]> answers = new ArrayDeque<>(); // {time, connection}, in time order
    private long now = 1_000_000_000L;
    private long freeAt;
    private int sends;

    SimulatedServer(long serviceNanos, long stallFromNanos, long stallNanos) {
        this.serviceNanos = serviceNanos;
        this.stallFrom = now + stallFromNanos;
        this.stallUntil = stallFrom + stallNanos;
    }

    /** A server that never stalls. */
    static SimulatedServer steady(long serviceNanos) {
        return new SimulatedServer(serviceNanos, Long.MAX_VALUE / 4, 0);
    }

    @Override
    public long getAsLong() {
        return now;
    }

    @Override
    public void send(int c) {
        long begin = Math.max(now, freeAt);
        if (begin + serviceNanos > stallFrom && begin < stallUntil) {
            begin = stallUntil; // the stall holds back whatever would have run during it
        }
        freeAt = begin + serviceNanos;
        answers.add(new long[] {freeAt, c});
        sends++;
    }

    @Override
    public void poll(long timeoutNanos, IntConsumer answered) {
        long deadline = now + timeoutNanos;
        if (answers.isEmpty() || answers.peek()[0] > deadline) {
            now = deadline;
            return;
        }
        now = answers.peek()[0];
        while (!answers.isEmpty() && answers.peek()[0] == now) {
            answered.accept((int) answers.poll()[1]);
        }
    }

    /** Requests received so far. */
    int sends() {
        return sends;
    }

    @Override
    public void close() {
    }
}
