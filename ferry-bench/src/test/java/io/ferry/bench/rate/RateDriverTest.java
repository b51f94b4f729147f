package io.ferry.bench.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// Purpose: the constant-rate driver's schedule and its coordinated-omission correction, in simulated time (no
// real clock, no sockets): a steady server shows its service time, a 200 ms stall shows as up to 200 ms on every
// request that fell due during it, and an overloaded server shows the backlog and the unfinished requests.
class RateDriverTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long US = TimeUnit.MICROSECONDS.toNanos(1);

    private static RateSpec spec(int connections, double rate, double seconds) {
        return new RateSpec(connections, rate, 0, (long) (seconds * 1e9), TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void shouldShowTheServiceTimeOfASteadyServer() throws Exception {
        SimulatedServer server = SimulatedServer.steady(100 * US);
        RateResult r = new RateDriver(spec(10, 1000, 5), server).run(server);

        assertEquals(5000, r.latency().getTotalCount(), "one value per scheduled request");
        assertEquals(5000, server.sends());
        assertEquals(0, r.unfinished());
        assertEquals(1000, r.achievedRate(), 1.0);
        assertEquals(100, r.micros(50), 1.0);
        assertEquals(100, r.maxMicros(), 1.0);
        assertEquals(0, r.generatorLag().getMaxValue(), "simulated sends are never late");
    }

    @Test
    void shouldChargeAStallToEveryRequestThatFellDueDuringIt() throws Exception {
        SimulatedServer server = new SimulatedServer(100 * US, 2000 * MS, 200 * MS);
        RateResult r = new RateDriver(spec(10, 1000, 5), server).run(server);

        assertEquals(5000, r.latency().getTotalCount());
        assertEquals(0, r.unfinished());
        // the request due right as the stall began waited all of it, plus the backlog ahead of it
        assertTrue(r.maxMicros() >= 200_000 && r.maxMicros() <= 202_000, r::toString);
        // 200 requests fell due during the stall (4 % of the run): the top 1 % waited 150 ms or more...
        assertTrue(r.micros(99) >= 150_000, r::toString);
        assertTrue(r.micros(99.9) >= 195_000, r::toString);
        // ...the ~110 due in its first half (and the backlog took ~20 ms to clear) waited 100 ms or more: a closed
        // loop would have recorded one such value per connection, 10
        long over100ms = r.latency().getCountBetweenValues(100 * MS, r.latency().getMaxValue());
        assertTrue(over100ms >= 100 && over100ms <= 125, "requests over 100 ms: " + over100ms);
        // and the rest of the run is untouched
        assertEquals(100, r.micros(50), 1.0);
    }

    @Test
    void shouldShowTheBacklogOfAnOverloadedServer() throws Exception {
        SimulatedServer server = SimulatedServer.steady(2 * MS); // 500 req/s at most
        RateResult r = new RateDriver(spec(4, 1000, 2), server).run(server);

        assertEquals(500, r.achievedRate(), 5.0);
        assertTrue(r.unfinished() > 0, r::toString);
        assertEquals(2000, r.latency().getTotalCount(), "answered and unfinished requests are all counted");
        // the queue grows by 1 ms per request due: about a second behind after two seconds
        assertTrue(r.maxMicros() >= 900_000, r::toString);
    }

    @Test
    void shouldSpreadTheRateEvenlyOverTheConnections() {
        RateSpec s = spec(4, 1000, 1);
        assertEquals(0, s.intendedNanos(0, 0, 0));
        assertEquals(MS, s.intendedNanos(0, 1, 0));
        assertEquals(3 * MS, s.intendedNanos(0, 3, 0));
        assertEquals(4 * MS, s.intendedNanos(0, 0, 1), "each connection sends every connections / rate");
        assertEquals(999 * MS + 7, s.intendedNanos(7, 3, 249));
    }
}
