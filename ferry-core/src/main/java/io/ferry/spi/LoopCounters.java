package io.ferry.spi;

/**
 * What one loop has done since it started, counted by the loop, its connections and its backend:
 * the figures behind {@code Ferry.stats()}. Plain fields, written only by the loop thread, so counting
 * costs an add and no fence; other threads read them through a task on the loop (a snapshot).
 */
public final class LoopCounters {
    private long opened;
    private long accepted;
    private long closed;
    private long bytesIn;
    private long bytesOut;
    private long polls;
    private long events;

    /** A connection opened on this loop, accepted or connected. */
    public void connectionOpened() {
        opened++;
    }

    /** A listener of this loop accepted a connection (counted before it opens). */
    public void connectionAccepted() {
        accepted++;
    }

    /** A connection of this loop closed for good. */
    public void connectionClosed() {
        closed++;
    }

    /**
     * Bytes received by a connection of this loop.
     *
     * @param bytes what one receive delivered
     */
    public void received(long bytes) {
        bytesIn += bytes;
    }

    /**
     * Bytes the kernel took from a connection of this loop.
     *
     * @param bytes what one send moved
     */
    public void sent(long bytes) {
        bytesOut += bytes;
    }

    /**
     * One turn of the loop asked the backend for events.
     *
     * @param handled the completions or readiness events that turn dispatched
     */
    public void polled(int handled) {
        polls++;
        events += handled;
    }

    /** @return connections opened (accepted and connected) */
    public long opened() {
        return opened;
    }

    /** @return connections accepted by this loop's listeners */
    public long accepted() {
        return accepted;
    }

    /** @return connections closed */
    public long closed() {
        return closed;
    }

    /** @return bytes received */
    public long bytesIn() {
        return bytesIn;
    }

    /** @return bytes sent */
    public long bytesOut() {
        return bytesOut;
    }

    /** @return turns that polled the backend */
    public long polls() {
        return polls;
    }

    /** @return completions or readiness events dispatched */
    public long events() {
        return events;
    }
}
