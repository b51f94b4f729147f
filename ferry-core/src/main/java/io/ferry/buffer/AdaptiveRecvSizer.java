package io.ferry.buffer;

/**
 * Doubles the read size when a read fills it; halves it after two reads in a row that would have
 * fit in half. Sizes always stay within {@code [min, max]} (growth and shrinking are clamped), so
 * they are powers of two when {@code min}, {@code initial} and {@code max} are.
 */
final class AdaptiveRecvSizer implements RecvSizer {
    private static final int SHRINK_AFTER = 2;
    private final int min;
    private final int max;
    private int size;
    private int smallReads;

    AdaptiveRecvSizer(int min, int initial, int max) {
        if (min <= 0 || min > initial || initial > max) {
            throw new IllegalArgumentException(
                "need 0 < min <= initial <= max, got " + min + ", " + initial + ", " + max);
        }
        this.min = min;
        this.max = max;
        this.size = initial;
    }

    @Override
    public int nextReadSize() {
        return size;
    }

    @Override
    public void record(int bytesRead) {
        if (bytesRead >= size) {
            size = size > max >>> 1 ? max : size << 1;
            smallReads = 0;
        } else if (bytesRead <= size >>> 1 && size > min) {
            if (++smallReads >= SHRINK_AFTER) {
                size = Math.max(size >>> 1, min);
                smallReads = 0;
            }
        } else {
            smallReads = 0;
        }
    }
}
