package io.ferry.buffer;

/** Takes ownership of buffers handed over one by one, such as {@link BufWriter#drain} does. */
@FunctionalInterface
public interface BufSink {
    /**
     * Receives {@code buf} and its reference: the sink must release it or pass it on.
     *
     * @param buf the buffer, now owned by the sink
     */
    void accept(Buf buf);
}
