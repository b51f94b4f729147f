package io.ferry.backend;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the io_uring backend receives on connections: where the bytes land and what a receive costs. The choice
 * belongs to the io_uring backend only; epoll and {@code java.nio} read into the loop's shared buffer and ignore it.
 *
 * <p>Memory, per loop: the two ring strategies lend a fixed number of buffers to the kernel, shared by every
 * connection, so an idle connection holds none; {@link #PER_CONNECTION} holds one buffer per connection that
 * waits for data; {@link #PROBE_THEN_READ} holds none while waiting, like a readiness backend, and pays a
 * second system call per receive.
 *
 * <p>Choose with {@code Ferry.builder().uringReceive(...)}, {@code -Dferry.uring.receive=NAME} or
 * {@code ferry serve --uring-receive NAME}; {@code ferry probe} lists what this kernel supports. A strategy the
 * kernel lacks fails the runtime's start with a message naming the kernel it needs; there is no silent fallback,
 * because the default, {@link #PROVIDED_RING}, needs nothing beyond the backend itself.
 */
public enum UringReceiveStrategy {
    /**
     * The default: one multishot recv per connection selecting whole buffers from the loop's provided-buffer
     * ring (Linux 6.0). Each receive uses one ring buffer however few bytes it carries; the buffer goes back on
     * the ring when the handler releases the last view of it.
     */
    PROVIDED_RING("provided-buffer ring, multishot recv", 6, 0),
    /**
     * The provided-buffer ring registered with {@code IOU_PBUF_RING_INC} (Linux 6.12): the kernel consumes a
     * buffer a receive at a time, so small messages from many connections share one buffer instead of taking one
     * each. A buffer goes back on the ring once the kernel is done with it and every view of it is released.
     */
    INCREMENTAL_RING("provided-buffer ring consumed incrementally (IOU_PBUF_RING_INC)", 6, 12),
    /**
     * The textbook completion model: each connection posts a single-shot recv into a pool buffer it owns and
     * posts the next one after each completion. Memory is one buffer per connection waiting for data.
     */
    PER_CONNECTION("one pool buffer posted per connection, single-shot recv", 6, 0),
    /**
     * A 1-byte {@code MSG_PEEK} recv into a loop-owned scratch byte waits for data; when it completes, a
     * non-blocking {@code recv(MSG_DONTWAIT)} reads what is there into a pool buffer sized by an adaptive
     * sizer. No memory is held while waiting; each receive costs an extra system call.
     *
     * <p>Note: the probe peeks one byte rather than asking for zero: a zero-length TCP recv returns 0 at once,
     * which looks like end of stream and waits for nothing. Peeking (instead of consuming the byte) lets every
     * connection's probe share one scratch byte, and the read that follows gets the byte with the rest.
     */
    PROBE_THEN_READ("1-byte MSG_PEEK probe, then a non-blocking recv", 6, 0);

    private final String description;
    private final int kernelMajor;
    private final int kernelMinor;

    UringReceiveStrategy(String description, int kernelMajor, int kernelMinor) {
        this.description = description;
        this.kernelMajor = kernelMajor;
        this.kernelMinor = kernelMinor;
    }

    /** {@return one line for people: what the strategy does} */
    public String description() {
        return description;
    }

    /** {@return the oldest Linux the io_uring backend runs this strategy on, e.g. {@code "6.12"}} */
    public String minimumKernel() {
        return kernelMajor + "." + kernelMinor;
    }

    /**
     * Parses a strategy name as the CLI and {@code -Dferry.uring.receive} take it.
     *
     * @param name a constant's name in any case, with {@code -} or {@code _} between words
     * @return the strategy
     * @throws IllegalArgumentException for any other name; the message lists the valid ones
     */
    public static UringReceiveStrategy parse(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (UringReceiveStrategy s : values()) {
            if (s.name().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown io_uring receive strategy '" + name + "': use "
            + Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
