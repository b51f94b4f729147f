package io.ferry.buffer;

/**
 * Decides how many bytes the next read on a connection asks for (readiness backends; on io_uring the
 * kernel picks from the provided-buffer ring instead). One instance per connection, loop thread only.
 */
public interface RecvSizer {
    /** {@return the bytes to ask for in the next read} */
    int nextReadSize();

    /**
     * Reports what the last read returned, so the next size can adapt.
     *
     * @param bytesRead the bytes the last read returned, 0 or more
     */
    void record(int bytesRead);

    /**
     * Doubles the size after a read that fills it and halves it after two reads in a row that would have fit
     * in half, within {@code [min, max]}.
     *
     * @param min the smallest size, positive
     * @param initial the first size, within {@code [min, max]}
     * @param max the largest size
     * @return a new sizer, for one connection
     * @throws IllegalArgumentException unless {@code 0 < min <= initial <= max}
     */
    static RecvSizer adaptive(int min, int initial, int max) {
        return AdaptiveRecvSizer.of(min, initial, max);
    }

    /** {@return the default sizer: adaptive from 512 B to 64 KiB, starting at 2 KiB} */
    static RecvSizer adaptive() {
        return AdaptiveRecvSizer.of(AdaptiveRecvSizer.DEFAULT_MIN, AdaptiveRecvSizer.DEFAULT_INITIAL,
            AdaptiveRecvSizer.DEFAULT_MAX);
    }

    /**
     * {@return a sizer that always asks for {@code size} bytes}
     *
     * @param size the read size, positive
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    static RecvSizer fixed(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("read size must be positive, was " + size);
        }
        return new RecvSizer() {
            @Override
            public int nextReadSize() {
                return size;
            }

            @Override
            public void record(int bytesRead) {
                // fixed: nothing to learn
            }
        };
    }
}
