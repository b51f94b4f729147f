package io.ferry.bench.soak;

/**
 * One sample of the server process.
 *
 * @param seconds  seconds since the load started
 * @param requests requests the load had answered (checked) by then, as last reported
 * @param values   one value per {@link Series}, indexed by ordinal (compared by identity, as a record
 *                 compares arrays)
 */
public record Sample(double seconds, long requests, double[] values) {
    /** Copies {@code values}, which must hold one value per series. */
    public Sample {
        if (values.length != Series.values().length) {
            throw new IllegalArgumentException("need " + Series.values().length + " values, got " + values.length);
        }
        values = values.clone();
    }

    /** {@return the value of {@code series}} */
    public double value(Series series) {
        return values[series.ordinal()];
    }
}
