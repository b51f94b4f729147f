package io.ferry.backend.uring;

import io.ferry.buffer.Buf;

/**
 * How one connection receives on io_uring (an {@link io.ferry.backend.UringReceiveStrategy}): which SQE it arms
 * and where the bytes of its CQEs are. {@link UringSocket} keeps the rest (keys, pausing, closing) the same for
 * every strategy. The ring strategies share one receiver per loop; the others keep per-connection state.
 *
 * <p>Per receive: {@link #ready()}, then {@link #arm}; for each CQE with a positive result {@link #settle} and,
 * when it reports bytes, {@link #take}; after the request's last CQE {@link #ended()}. Loop thread only.
 */
interface UringReceiver {
    /**
     * {@return whether a receive can be armed now} False when no ring buffer is free: the socket then waits for
     * buffers to come back ({@link UringDriver#starved}).
     *
     * @throws io.ferry.buffer.PoolExhaustedException when a buffer for the receive cannot be had from the pool
     */
    boolean ready();

    /** Prepares the receive SQE for {@code fd} with user_data {@code key}; the caller made room first. */
    void arm(int fd, long key);

    /**
     * What a CQE's positive result means: the bytes now readable through {@link #take}, 0 at the end of the
     * stream, or -errno (-EAGAIN: nothing to read after all; re-arm). The default is the result itself.
     */
    default int settle(int fd, int res) {
        return res;
    }

    /** The buffer holding the {@code bytes} that {@link #settle} reported, now the caller's to release. */
    Buf take(int bytes, int flags);

    /** The armed request ended (its last CQE came): gives back what it held for the kernel. */
    default void ended() {
    }
}
