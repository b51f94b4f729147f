package io.ferry.bench.soak;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether a series trends upward after warm-up. The rule, chosen so that a short run's noise (a JVM's
 * RSS breathing, the buffers of whichever requests are in flight) passes and a leak fails:
 * <ol>
 *   <li>Only samples at or after the warm-up count, and at least {@value #MIN_SAMPLES} of them.</li>
 *   <li>The tolerance is the series' floor or {@value #RELATIVE} of its post-warm-up mean, whichever is larger.</li>
 *   <li>It trends upward when <em>both</em> the least-squares slope times the post-warm-up span (the
 *       growth the fitted line claims) <em>and</em> the rise from the median of the first third of those
 *       samples to the median of the last third, scaled from the distance between the thirds to the whole
 *       span, exceed the tolerance. The slope alone is pulled by one spike near an end, the medians alone
 *       by a step that the rest of the run contradicts; a steady leak moves both alike.</li>
 * </ol>
 * Stateless.
 */
public final class Trend {
    /** Fewest post-warm-up samples a verdict needs. */
    public static final int MIN_SAMPLES = 4;
    /** Growth tolerated relative to the series' mean. */
    public static final double RELATIVE = 0.10;

    private Trend() {
    }

    /**
     * The verdict on one series.
     *
     * @param rising    whether it trends upward
     * @param fitted    growth over the post-warm-up span by the least-squares line
     * @param ends      median of the last third minus median of the first third, scaled to the whole span
     * @param tolerance the growth either may show
     */
    public record Verdict(boolean rising, double fitted, double ends, double tolerance) {
        /** {@return the figures behind the verdict, for a report line} */
        public String explain() {
            return String.format(Locale.ROOT, "fitted growth %.1f, first-to-last-third rise %.1f, tolerance %.1f",
                fitted, ends, tolerance);
        }
    }

    /**
     * Judges the series {@code y} sampled at {@code t} (seconds, ascending), counting only samples at or
     * after {@code warmupSeconds}.
     *
     * @throws IllegalArgumentException when fewer than {@link #MIN_SAMPLES} samples follow the warm-up
     */
    public static Verdict judge(double[] t, double[] y, double warmupSeconds, double floor) {
        int from = 0;
        while (from < t.length && t[from] < warmupSeconds) {
            from++;
        }
        int n = t.length - from;
        if (n < MIN_SAMPLES) {
            throw new IllegalArgumentException(n + " samples after a warm-up of " + warmupSeconds
                + " s; a verdict needs " + MIN_SAMPLES);
        }
        double[] ts = Arrays.copyOfRange(t, from, t.length);
        double[] ys = Arrays.copyOfRange(y, from, y.length);
        double meanT = Arrays.stream(ts).average().orElseThrow();
        double meanY = Arrays.stream(ys).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (ts[i] - meanT) * (ys[i] - meanY);
            sxx += (ts[i] - meanT) * (ts[i] - meanT);
        }
        double span = ts[n - 1] - ts[0];
        double fitted = sxx == 0 ? 0 : sxy / sxx * span;
        int third = Math.max(2, n / 3);
        double ends = thirdsApart(ys, third) * span / thirdsApart(ts, third);
        double tolerance = Math.max(floor, RELATIVE * Math.abs(meanY));
        return new Verdict(fitted > tolerance && ends > tolerance, fitted, ends, tolerance);
    }

    /** The median of the last {@code third} values minus the median of the first {@code third}. */
    private static double thirdsApart(double[] v, int third) {
        return median(Arrays.copyOfRange(v, v.length - third, v.length)) - median(Arrays.copyOfRange(v, 0, third));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
