package io.ferry.net.blocking;

import io.ferry.buffer.Buf;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Received buffers on their way from a connection's loop to the virtual thread that reads them.
 *
 * <p>The loop {@link #offer}s each kernel-filled {@code Buf} into a lock-free ring and unparks the
 * reader; the reader {@link #take}s them. The inbox is bounded in bytes: above the connection's high
 * write watermark the loop pauses reading, and once the reader has drained it below the low one the
 * reader asks the loop (through the bridge's request word) to refill the ring from its overflow list
 * and resume. Buffers that arrive after a pause was asked for (multishot receives already in flight)
 * wait in that loop-confined overflow list, so nothing is dropped and nothing blocks the loop.
 *
 * <p>Threads: the {@code offer}/{@code finish}/{@code refill}/{@code dropOverflow} methods belong to
 * the loop thread; {@code take}/{@code read}/{@code available} to one reader at a time (an atomic role
 * token enforces it); {@link #discard()} to any thread.
 *
 * <p>Ownership: a buffer in the inbox belongs to the inbox; {@code take} hands it (and its release)
 * to the caller. After {@link #discard()} every queued or arriving buffer is released here.
 */
final class Inbox {
    private static final int SLOTS = 128;

    private final SocketBridge bridge;
    private final BufRing ring = new BufRing(SLOTS);
    private final ArrayDeque<Buf> overflow = new ArrayDeque<>(); // loop thread only
    private final AtomicLong queuedBytes = new AtomicLong(); // bytes in the ring
    private final AtomicBoolean readerRole = new AtomicBoolean();
    private final Waiter reader;
    private final long high;
    private final long low;
    private volatile boolean paused;
    private volatile boolean ended;
    private volatile Throwable failure;
    private volatile boolean discarding;
    private boolean endPending; // loop thread only
    private Throwable pendingFailure; // loop thread only
    private Buf partial; // reader role only: a buffer read() has not finished copying out

    Inbox(SocketBridge bridge, long high, long low) {
        this.bridge = bridge;
        this.reader = new Waiter(bridge);
        this.high = high;
        this.low = low;
    }

    // ---- loop side ----------------------------------------------------------------------------

    /**
     * Loop: a received buffer, now owned here.
     *
     * @return true when the caller must pause reading on the connection
     */
    boolean offer(Buf b) {
        if (discarding) {
            b.release();
            return false;
        }
        int n = b.readableBytes();
        if (!overflow.isEmpty() || !ring.offer(b)) {
            overflow.add(b);
        } else {
            queuedBytes.addAndGet(n);
            reader.wake();
            if (discarding) {
                discard();
            }
        }
        return !paused && (!overflow.isEmpty() || ring.isFull() || queuedBytes.get() > high) && pause();
    }

    /** Publishes the pause, then re-checks: a reader that drained meanwhile will not ask to resume. */
    private boolean pause() {
        paused = true;
        if (overflow.isEmpty() && !ring.isFull() && queuedBytes.get() <= low) {
            paused = false;
            return false;
        }
        return true;
    }

    /**
     * Loop: no more bytes will arrive ({@code cause} null for end of stream). Published after any
     * overflow has reached the reader.
     */
    void finish(Throwable cause) {
        if (!overflow.isEmpty()) {
            if (!endPending || pendingFailure == null) {
                pendingFailure = cause;
            }
            endPending = true;
            return;
        }
        publishEnd(cause);
    }

    /** Any thread, once the loop can no longer deliver: ends the stream now. */
    void finishNow(Throwable cause) {
        publishEnd(cause);
    }

    private void publishEnd(Throwable cause) {
        if (ended) {
            return;
        }
        failure = cause;
        ended = true;
        reader.wake();
    }

    /**
     * Loop, on the reader's request: moves overflow into the ring.
     *
     * @return true when reading may resume
     */
    boolean refill() {
        Buf b;
        while ((b = overflow.peek()) != null && !discarding && ring.offer(b)) {
            overflow.poll();
            queuedBytes.addAndGet(b.readableBytes());
        }
        reader.wake();
        if (!overflow.isEmpty()) {
            return false;
        }
        if (endPending) {
            endPending = false;
            publishEnd(pendingFailure);
        }
        if (paused && !ring.isFull() && queuedBytes.get() <= high) {
            paused = false;
            return true;
        }
        return false;
    }

    /** Loop: releases the overflow list (the socket was closed by its user). */
    void dropOverflow() {
        for (Buf b; (b = overflow.poll()) != null; ) {
            b.release();
        }
    }

    // ---- reader side --------------------------------------------------------------------------

    /** The next received buffer (the caller owns it), or null at end of stream. Parks while none. */
    Buf take(long deadline) throws IOException {
        enter();
        try {
            Buf b = partial;
            if (b != null) {
                partial = null;
                return b;
            }
            return next(deadline);
        } finally {
            exit();
        }
    }

    /** Copies up to {@code len} received bytes into {@code dst}; -1 at end of stream. Parks while none. */
    int read(byte[] dst, int off, int len, long deadline) throws IOException {
        if (len == 0) {
            return 0;
        }
        enter();
        try {
            Buf b = partial;
            while (b == null || !b.isReadable()) {
                if (b != null) {
                    b.release();
                    partial = null;
                }
                b = next(deadline);
                if (b == null) {
                    return -1;
                }
                partial = b;
            }
            int n = Math.min(len, b.readableBytes());
            b.readBytes(dst, off, n);
            if (!b.isReadable()) {
                partial = null;
                b.release();
            }
            return n;
        } finally {
            exit();
        }
    }

    /** Bytes that can be read without parking (a lower bound). */
    long available() {
        Buf b = partial;
        return queuedBytes.get() + (b == null ? 0 : b.readableBytes());
    }

    private Buf next(long deadline) throws IOException {
        for (;;) {
            if (discarding) {
                throw new SocketException("read on " + bridge + ": socket closed");
            }
            Buf b = ring.poll();
            if (b == null && ended) {
                b = ring.poll();
                if (b == null) {
                    if (failure != null) {
                        throw new SocketException("read on " + bridge + " failed: " + failure.getMessage(), failure);
                    }
                    return null;
                }
            }
            if (b != null) {
                if (queuedBytes.addAndGet(-b.readableBytes()) <= low && paused) {
                    bridge.request(SocketBridge.RESUME);
                }
                return b;
            }
            bridge.outbox().releaseIdleSpare();
            reader.arm();
            if (!ring.isEmpty() || ended || discarding) {
                reader.disarm();
                continue;
            }
            int woke = reader.park(deadline);
            if (woke == Waiter.TIMED_OUT) {
                throw new SocketTimeoutException("read on " + bridge + " timed out");
            }
            if (woke == Waiter.INTERRUPTED) {
                Thread.currentThread().interrupt();
                bridge.socket().abortAfterInterrupt();
                throw new InterruptedIOException("read on " + bridge + " interrupted; the socket was closed");
            }
        }
    }

    private void enter() throws SocketException {
        if (!readerRole.compareAndSet(false, true)) {
            if (discarding) {
                throw new SocketException("read on " + bridge + ": socket closed");
            }
            throw new IllegalStateException("two threads read " + bridge + " at once; one reader at a time");
        }
    }

    private void exit() {
        readerRole.set(false);
        if (discarding) {
            discard();
        }
    }

    // ---- closing ------------------------------------------------------------------------------

    /** Any thread: the socket's user closed it. Wakes the reader; what is queued is released. */
    void close() {
        discarding = true;
        reader.wake();
        discard();
    }

    /**
     * Releases what is queued, unless a reader still holds the role (it does this on its way out).
     * Whoever published last re-runs it, so no buffer stays behind.
     */
    private void discard() {
        while (readerRole.compareAndSet(false, true)) {
            if (partial != null) {
                partial.release();
                partial = null;
            }
            for (Buf b; (b = ring.poll()) != null; ) {
                b.release();
            }
            readerRole.set(false);
            if (ring.isEmpty()) {
                return;
            }
        }
    }
}
