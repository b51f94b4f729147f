package io.ferry.bench.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// Purpose: the probe on the servers' core reports a stretch in which its core did not run it (here: the probe
// stopped with SIGSTOP for 300 ms, as a preempted vCPU would be) as a hiccup at least that long, reports each
// stretch once (the next mark starts afresh), and does not outlive the meter.
class HiccupMeterTest {
    @Test
    void shouldReportAStretchTheProbeWasNotRunAndEndWithTheMeter() throws Exception {
        HiccupMeter meter = HiccupMeter.start("0");
        try (meter) {
            signal("STOP", meter.pid());
            Thread.sleep(300);
            signal("CONT", meter.pid());
            Thread.sleep(20); // let it wake and record the late wake-up
            long stopped = meter.mark();
            assertTrue(stopped >= TimeUnit.MILLISECONDS.toNanos(250), "hiccup " + stopped + " ns");
            Thread.sleep(20);
            long after = meter.mark();
            assertTrue(after < stopped, "the next interval starts afresh: " + after + " ns");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (meter.probeAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(meter.probeAlive(), "the probe ends with the meter");
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
    }
}
