package io.ferry.spi;

import io.ferry.buffer.Buf;
import io.ferry.net.DatagramAddress;

/**
 * A datagram socket's queued sends: a fixed ring of (payload, destination) pairs whose destination objects
 * are allocated once and copied into, so queueing allocates nothing. Each payload stays pinned until
 * {@link #removeSent} says the kernel took it. Loop thread only.
 */
public final class DatagramOutbox {
    private final Buf[] data;
    private final DatagramAddress[] to;
    private final boolean[] addressed;
    private int head;
    private int size;

    /**
     * An empty outbox.
     *
     * @param capacity the most datagrams it holds
     */
    public DatagramOutbox(int capacity) {
        data = new Buf[capacity];
        to = new DatagramAddress[capacity];
        addressed = new boolean[capacity];
        for (int i = 0; i < capacity; i++) {
            to[i] = new DatagramAddress();
        }
    }

    /**
     * Appends a datagram, taking ownership of {@code payload} when it returns true.
     *
     * @param payload the readable bytes to send
     * @param destination copied; null to send to the connected peer
     * @return false when full (the caller keeps {@code payload})
     */
    public boolean add(Buf payload, DatagramAddress destination) {
        if (size == data.length) {
            return false;
        }
        int i = (head + size) % data.length;
        data[i] = payload;
        addressed[i] = destination != null;
        if (destination != null) {
            to[i].set(destination);
        }
        size++;
        return true;
    }

    /** {@return datagrams queued} */
    public int size() {
        return size;
    }

    /**
     * {@return the payload of the {@code i}-th queued datagram from the head}
     *
     * @param i 0 to {@code size() - 1}
     */
    public Buf data(int i) {
        return data[(head + i) % data.length];
    }

    /**
     * {@return the destination of the {@code i}-th datagram, or null for the connected peer}
     *
     * @param i 0 to {@code size() - 1}
     */
    public DatagramAddress destination(int i) {
        int at = (head + i) % data.length;
        return addressed[at] ? to[at] : null;
    }

    /**
     * Removes the first {@code n} datagrams and releases their payloads: the kernel took them (or refused
     * them for good, an error reported separately).
     *
     * @param n at most {@code size()}
     */
    public void removeSent(int n) {
        for (int k = 0; k < n; k++) {
            data[head].release();
            data[head] = null;
            head = (head + 1) % data.length;
        }
        size -= n;
    }

    /** Releases every queued payload (the socket closed). */
    public void clear() {
        removeSent(size);
    }
}
