package io.ferry.bench.rate;

import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * The connections a {@link RateDriver} paces, numbered from 0. Called from the driver's thread only.
 * The driver never sends on a connection that has a request in flight.
 */
public interface Wire extends AutoCloseable {
    /** Sends one request on connection {@code c}. */
    void send(int c) throws IOException;

    /**
     * Waits at most {@code timeoutNanos} for responses and calls {@code answered} once per complete
     * response, with its connection. May return early, with or without responses.
     */
    void poll(long timeoutNanos, IntConsumer answered) throws IOException;

    @Override
    void close() throws IOException;
}
