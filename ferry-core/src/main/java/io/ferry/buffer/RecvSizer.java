package io.ferry.buffer;

/**
 * Decides how many bytes the next read on a connection asks for (readiness backends; on io_uring the
 * kernel picks from the provided-buffer ring instead). One instance per connection, loop thread only.
 */
public interface RecvSizer {
    /** Bytes to ask for in the next read. */
    int nextReadSize();

    /** Reports what the last read returned (0 or more bytes), so the next size can adapt. */
    void record(int bytesRead);

    /** Grows on full reads and shrinks after repeated small ones, within {@code [min, max]}. */
    static RecvSizer adaptive(int min, int initial, int max) {
        return new AdaptiveRecvSizer(min, initial, max);
    }

    /** The default: 512 B to 64 KiB, starting at 2 KiB. */
    static RecvSizer adaptive() {
        return adaptive(512, 2048, 64 * 1024);
    }

    /** Always the same size. */
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
