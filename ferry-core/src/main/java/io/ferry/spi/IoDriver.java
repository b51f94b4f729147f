package io.ferry.spi;

import io.ferry.net.Connection;
import io.ferry.net.DatagramOptions;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A backend's per-loop state: its ring, epoll instance or selector, and every socket it serves.
 * All methods except {@link #wakeup()} are called on the loop thread.
 */
public interface IoDriver {
    /**
     * Submits pending operations, waits for events for at most {@code timeoutNanos} (0: do not wait,
     * negative: until an event or a {@link #wakeup()}), dispatches all events, and returns.
     *
     * @return the number of events dispatched
     */
    int poll(long timeoutNanos) throws IOException;

    /** Makes a sleeping or upcoming {@link #poll} return promptly. Any thread; cheap; idempotent. */
    void wakeup();

    /**
     * Binds and listens on {@code address}, an {@link java.net.InetSocketAddress} (resolved) or a
     * {@link java.net.UnixDomainSocketAddress} (whose stale file the caller already removed); every accepted
     * connection gets a handler from {@code factory} and lives on this loop.
     *
     * @throws UnsupportedOperationException for an address this backend cannot serve, naming the backend
     */
    ListenerIo listen(SocketAddress address, SocketOptions options, HandlerFactory factory) throws IOException;

    /**
     * Connects to {@code remote} (kinds as for {@link #listen}); {@code result} completes with the open connection
     * (or the failure, an {@link UnsupportedOperationException} for an address this backend cannot serve).
     */
    void connect(SocketAddress remote, SocketOptions options, Handler handler,
                 CompletableFuture<Connection> result);

    /**
     * Opens a UDP socket bound to {@code local} (connected when {@code options} name a remote) that starts
     * reading at once and reports to {@code events}.
     *
     * @param local where to bind; port 0 picks a free port
     * @param options the connected peer, if any
     * @param events where datagrams and errors go; its outbox is what {@link DatagramIo#flush()} sends
     * @return the socket
     * @throws IOException when the socket cannot be opened, bound or connected
     */
    DatagramIo openDatagram(InetSocketAddress local, DatagramOptions options, DatagramEvents events)
        throws IOException;

    /** This loop's file operations: native on io_uring, a bounded blocking pool elsewhere. Loop thread. */
    FileIo files();

    /** Operations submitted to the kernel and not yet completed (0 for idle readiness backends). */
    int inFlight();

    /**
     * System calls that entered the kernel to submit or wait for I/O: {@code io_uring_enter},
     * {@code epoll_wait}, {@code Selector.select}. Loop thread.
     *
     * @return the count since the driver opened
     */
    long kernelEntries();

    /**
     * Submission queue entries handed to the kernel (io_uring); readiness backends submit nothing.
     *
     * @return the count since the driver opened
     */
    default long submittedEntries() {
        return 0;
    }

    /**
     * Kernel entries that carried at least one submission (io_uring): {@link #submittedEntries()} over
     * this is the mean submit batch.
     *
     * @return the count since the driver opened
     */
    default long submitCalls() {
        return 0;
    }

    /**
     * Closes every socket of this loop abortively, cancels what is in flight and waits for the final
     * completions, so that no buffer is freed while the kernel may still use it. Then frees the driver.
     */
    void close();
}
