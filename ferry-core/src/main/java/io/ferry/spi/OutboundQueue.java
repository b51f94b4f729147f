package io.ferry.spi;

import io.ferry.buffer.Buf;
import java.util.Arrays;

/**
 * A connection's queued writes: a ring of {@link Buf}s, each holding its reference (pinned) until
 * {@link #consume} confirms the kernel took all of its bytes. Backends gather from the head
 * ({@link #get}) into one vectored write. Loop thread only. The ring is made on the first write (an idle
 * connection holds none), then grows by doubling and never shrinks, so a busy connection allocates nothing
 * in steady state.
 */
public final class OutboundQueue {
    private static final Buf[] NONE = new Buf[0];
    /**
     * A response is one or two buffers (the writer packs messages), and an array of two costs 24 bytes against 32
     * for four: every connection that wrote once keeps its ring (issue 17).
     */
    private static final int FIRST_CAPACITY = 2;
    private Buf[] ring = NONE;
    private int head;
    private int size;
    private long pendingBytes;

    /** Appends {@code buf}, taking its reference. Empty buffers are released at once. */
    public void add(Buf buf) {
        int n = buf.readableBytes();
        if (n == 0) {
            buf.release();
            return;
        }
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = buf;
        size++;
        pendingBytes += n;
    }

    /** The {@code i}-th queued buffer from the head; its readable bytes are what remains to send. */
    public Buf get(int i) {
        return ring[(head + i) & (ring.length - 1)];
    }

    /** Buffers queued. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Bytes queued and not yet confirmed sent. */
    public long pendingBytes() {
        return pendingBytes;
    }

    /**
     * The kernel took {@code bytes} from the head: release the buffers sent in full and advance the
     * read index of a partly sent one.
     */
    public void consume(long bytes) {
        if (bytes > pendingBytes) {
            throw new IllegalStateException("consumed " + bytes + " of " + pendingBytes + " pending bytes");
        }
        pendingBytes -= bytes;
        while (bytes > 0) {
            Buf b = ring[head];
            int n = b.readableBytes();
            if (bytes < n) {
                b.skip((int) bytes);
                return;
            }
            bytes -= n;
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            b.release();
        }
    }

    /** Releases every queued buffer (the connection is gone). */
    public void releaseAll() {
        while (size > 0) {
            Buf b = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
            b.release();
        }
        pendingBytes = 0;
    }

    private void grow() {
        Buf[] bigger = new Buf[Math.max(FIRST_CAPACITY, ring.length * 2)];
        for (int i = 0; i < size; i++) {
            bigger[i] = get(i);
        }
        Arrays.fill(ring, null);
        ring = bigger;
        head = 0;
    }
}
