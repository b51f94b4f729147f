package io.ferry.buffer;

/**
 * A {@link BufferPool} size class reached its configured cap and every buffer in it is in use.
 * Nothing was allocated; release buffers or configure a larger cap.
 */
public final class PoolExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PoolExhaustedException(String message) {
        super(message);
    }
}
