package io.ferry.spi;

/**
 * Receives the result of one {@link FileIo} operation: called exactly once, on the loop thread that
 * submitted it, with the syscall's result ({@code >= 0}) or {@code -errno}. A primitive result, so
 * completing an operation allocates nothing.
 */
@FunctionalInterface
public interface FileCallback {
    void done(long result);
}
