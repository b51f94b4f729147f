package io.ferry.net.blocking;

import io.ferry.buffer.Buf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer, single-consumer ring of buffers: the hand-off between a connection's
 * loop and its virtual thread. The producer publishes a slot with a release store and then moves the
 * tail (volatile); the consumer reads the slot with acquire. No lock, no allocation per element.
 *
 * <p>Threads: one producer thread and one consumer at a time; a change of consumer (or producer)
 * must be ordered by the caller (the sockets use an atomic role token for that).
 */
final class BufRing {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Buf[].class);

    private final Buf[] slots;
    private final int mask;
    private volatile long head;
    private volatile long tail;

    /** @param capacity slots, a power of two */
    BufRing(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity " + capacity + " is not a power of two");
        }
        slots = new Buf[capacity];
        mask = capacity - 1;
    }

    /** Producer. False (and nothing stored) when the ring is full. */
    boolean offer(Buf b) {
        long t = tail;
        if (t - head >= slots.length) {
            return false;
        }
        SLOTS.setRelease(slots, (int) (t & mask), b);
        tail = t + 1;
        return true;
    }

    /** Consumer. The oldest buffer, or null when empty. */
    Buf poll() {
        long h = head;
        if (h == tail) {
            return null;
        }
        int i = (int) (h & mask);
        Buf b = (Buf) SLOTS.getAcquire(slots, i);
        SLOTS.setRelease(slots, i, (Buf) null);
        head = h + 1;
        return b;
    }

    /** Any thread: true when nothing is queued. */
    boolean isEmpty() {
        return head == tail;
    }

    /** Any thread: true when an offer would fail. */
    boolean isFull() {
        return tail - head >= slots.length;
    }
}
