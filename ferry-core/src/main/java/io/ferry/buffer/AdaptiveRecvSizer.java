package io.ferry.buffer;

/**
 * Doubles the read size when a read fills it; halves it after two reads in a row that would have
 * fit in half. Sizes always stay within {@code [min, max]} (growth and shrinking are clamped), so
 * they are powers of two when {@code min}, {@code initial} and {@code max} are.
 *
 * <p>Every idle connection on a readiness backend holds one (issue 17), so it is small: the default bounds
 * are constants of their own class (16 bytes), other bounds are fields (24 bytes).
 */
abstract sealed class AdaptiveRecvSizer implements RecvSizer
    permits AdaptiveRecvSizer.Default, AdaptiveRecvSizer.Bounded {
    static final int DEFAULT_MIN = 512;
    static final int DEFAULT_INITIAL = 2048;
    static final int DEFAULT_MAX = 64 * 1024;
    /**
     * The top bit of {@link #state}: the last read would have fit in half, so one more such read in a row
     * halves the size. Sizes are positive, so the bit is free.
     */
    private static final int ONE_SMALL_READ = Integer.MIN_VALUE;
    /** The current size, with {@link #ONE_SMALL_READ} set after a read that would have fit in half. */
    private int state;

    private AdaptiveRecvSizer(int initial) {
        this.state = initial;
    }

    /**
     * A sizer for one connection.
     *
     * @throws IllegalArgumentException unless {@code 0 < min <= initial <= max}
     */
    static AdaptiveRecvSizer of(int min, int initial, int max) {
        if (min <= 0 || min > initial || initial > max) {
            throw new IllegalArgumentException(
                "need 0 < min <= initial <= max, got " + min + ", " + initial + ", " + max);
        }
        return min == DEFAULT_MIN && initial == DEFAULT_INITIAL && max == DEFAULT_MAX ? new Default()
            : new Bounded(min, initial, max);
    }

    abstract int min();

    abstract int max();

    @Override
    public final int nextReadSize() {
        return state & ~ONE_SMALL_READ;
    }

    @Override
    public final void record(int bytesRead) {
        int size = state & ~ONE_SMALL_READ;
        int max = max();
        int min = min();
        if (bytesRead >= size) {
            state = size > max >>> 1 ? max : size << 1;
        } else if (bytesRead <= size >>> 1 && size > min) {
            state = (state & ONE_SMALL_READ) != 0 ? Math.max(size >>> 1, min) : size | ONE_SMALL_READ;
        } else {
            state = size;
        }
    }

    /** The default bounds, {@link RecvSizer#adaptive()}'s. */
    static final class Default extends AdaptiveRecvSizer {
        private Default() {
            super(DEFAULT_INITIAL);
        }

        @Override
        int min() {
            return DEFAULT_MIN;
        }

        @Override
        int max() {
            return DEFAULT_MAX;
        }
    }

    /** Any other bounds. */
    static final class Bounded extends AdaptiveRecvSizer {
        private final int min;
        private final int max;

        private Bounded(int min, int initial, int max) {
            super(initial);
            this.min = min;
            this.max = max;
        }

        @Override
        int min() {
            return min;
        }

        @Override
        int max() {
            return max;
        }
    }
}
