package io.ferry.bench.soak;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

// Purpose: the soak's trend rule passes flat noisy series (with a spike, with growth confined to warm-up) and
// fails steadily growing ones, including a slow leak buried in noise.
class TrendTest {
    private static final int N = 30;

    private static double[] times() {
        double[] t = new double[N];
        for (int i = 0; i < N; i++) {
            t[i] = 2.0 * i;
        }
        return t;
    }

    /** {@code base} plus uniform noise of +-{@code noise}, seeded. */
    private static double[] noisy(double base, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = base + (random.nextDouble() * 2 - 1) * noise;
        }
        return y;
    }

    @Test
    void shouldPassAFlatNoisySeries() {
        for (long seed = 1; seed <= 50; seed++) {
            Trend.Verdict v = Trend.judge(times(), noisy(170, 15, seed), 10, 32);
            assertFalse(v.rising(), "seed " + seed + ": " + v.explain());
        }
    }

    @Test
    void shouldFailASteadilyGrowingSeries() {
        double[] y = noisy(170, 5, 7);
        for (int i = 0; i < N; i++) {
            y[i] += 2.5 * i; // 1.25 MiB/s: ~70 MiB over the judged span
        }
        Trend.Verdict v = Trend.judge(times(), y, 10, 32);
        assertTrue(v.rising(), v.explain());
    }

    @Test
    void shouldFailASlowLeakUnderNoiseLargerThanEachStep() {
        double[] y = noisy(60, 6, 3);
        for (int i = 0; i < N; i++) {
            y[i] += 1.5 * i; // three descriptors every two samples, noise of +-6 around each
        }
        assertTrue(Trend.judge(times(), y, 10, 16).rising());
    }

    @Test
    void shouldNotCountOneSpikeAtTheEndAsATrend() {
        double[] y = noisy(100, 2, 11);
        y[N - 1] = 400;
        Trend.Verdict v = Trend.judge(times(), y, 10, 8);
        assertFalse(v.rising(), v.explain());
    }

    @Test
    void shouldNotJudgeGrowthDuringWarmUp() {
        double[] y = noisy(170, 3, 5);
        for (int i = 0; i < 10; i++) {
            y[i] = 60 + 10 * i; // the JVM filling its heap before the warm-up ends at 20 s
        }
        assertFalse(Trend.judge(times(), y, 20, 32).rising());
        assertTrue(Trend.judge(times(), y, 0, 32).rising());
    }

    @Test
    void shouldRefuseAVerdictOnTooFewSamples() {
        assertThrows(IllegalArgumentException.class, () -> Trend.judge(times(), noisy(1, 0, 1), 53, 1));
    }
}
