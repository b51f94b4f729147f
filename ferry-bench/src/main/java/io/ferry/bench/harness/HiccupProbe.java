package io.ferry.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A process that does nothing but sleep 1 ms at a time on the servers' core and record how late it
 * woke (as jHiccup does). It needs a few microseconds of CPU per millisecond, so a late wake-up of
 * many milliseconds means the core ran nothing of ours then: the machine (other processes, the
 * hypervisor) held it. A server stall that this probe also saw is the machine's; one it did not see is
 * the server's own.
 *
 * <p>Protocol: every line read on stdin is answered on stdout with {@code MAX_NANOS P999_NANOS COUNT}
 * for the wake-ups since the previous line. It exits when stdin closes, so it never outlives the
 * harness that started it.
 */
public final class HiccupProbe {
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private HiccupProbe() {
    }

    /** Runs the probe until stdin closes. */
    public static void main(String[] args) throws IOException {
        Recorder recorder = new Recorder(3);
        Thread.ofPlatform().daemon().name("hiccup-probe").start(() -> sleepAndRecord(recorder));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            Histogram interval = null;
            while (in.readLine() != null) {
                interval = recorder.getIntervalHistogram(interval);
                System.out.println(interval.getMaxValue() + " " + interval.getValueAtPercentile(99.9) + " "
                    + interval.getTotalCount());
                System.out.flush();
            }
        }
    }

    private static void sleepAndRecord(Recorder recorder) {
        while (true) {
            long start = System.nanoTime();
            LockSupport.parkNanos(PERIOD_NANOS);
            recorder.recordValue(Math.max(0, System.nanoTime() - start - PERIOD_NANOS));
        }
    }
}
