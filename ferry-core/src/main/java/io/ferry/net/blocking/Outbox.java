package io.ferry.net.blocking;

import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Buffers on their way from a writing virtual thread to its connection's loop, with backpressure.
 *
 * <p>The writer puts buffers into a lock-free ring; a {@link SocketBridge#DRAIN} request (one queued
 * task per batch, not per buffer) makes the loop move them into the {@link Connection} and flush. The
 * writer parks while the connection is above its high watermark (the loop mirrors
 * {@link Connection#isWritable()} and unparks it on {@code onWritable}) or while the ring itself holds
 * more than the high watermark: memory stays bounded by about twice the watermark plus one buffer.
 *
 * <p>Bytes written from arrays are copied into a <em>lease</em>: a pool buffer the loop acquired for
 * this writer (pools hand out buffers on their loop thread only). The lease goes to the loop whole on
 * flush; the loop leaves the next one as a {@code spare} during the same drain, so a streaming writer
 * rarely waits a loop round trip for memory. A connection whose reader parks for input gives its
 * spare back and gets a new one with the next received data: idle connections hold no buffer.
 *
 * <p>Threads: the {@code put}/{@code write}/{@code flush} methods belong to one writer at a time (an
 * atomic role token enforces it); {@code drainTo}/{@code onWritable}/{@code fail} to the loop;
 * {@link #close} to any thread.
 */
final class Outbox {
    private static final int SLOTS = 64;

    private final SocketBridge bridge;
    private final BufRing ring = new BufRing(SLOTS);
    private final AtomicLong queuedBytes = new AtomicLong(); // bytes in the ring
    private final AtomicBoolean writerRole = new AtomicBoolean();
    private final AtomicReference<Buf> spare = new AtomicReference<>();
    private final Waiter writer;
    private final long high;
    private volatile boolean writable = true;
    private volatile boolean spareWanted;
    private volatile IOException closed;
    /** Set before a close borrows the writer role, so a write that finds the role taken is told "closed". */
    private volatile boolean closing;
    private Buf lease; // writer role only

    Outbox(SocketBridge bridge, long high) {
        this.bridge = bridge;
        this.writer = new Waiter(bridge);
        this.high = high;
    }

    // ---- writer side --------------------------------------------------------------------------

    /** Queues {@code b} (ownership moves here; released on failure too), parking while full. */
    void put(Buf b, long deadline) throws IOException {
        enter(b);
        try {
            try {
                flushLease(deadline);
            } catch (IOException | RuntimeException e) {
                b.release(); // queueing the lease ahead of it timed out or found the socket closed
                throw e;
            }
            putLocked(b, deadline);
        } finally {
            exit();
        }
    }

    /** Copies {@code src[off, off+len)} into leased pool buffers; full ones are queued. */
    void write(byte[] src, int off, int len, long deadline) throws IOException {
        enter(null);
        try {
            while (len > 0) {
                Buf l = lease;
                if (l == null) {
                    l = takeSpare(deadline);
                    lease = l;
                }
                int n = Math.min(len, l.writableBytes());
                l.writeBytes(src, off, n);
                off += n;
                len -= n;
                if (l.writableBytes() == 0) {
                    lease = null;
                    putLocked(l, deadline);
                }
            }
        } finally {
            exit();
        }
    }

    /**
     * A pool buffer for the writer to fill and put (or release): the spare, waiting for one when the
     * loop has none ready. The next drain leaves another spare.
     */
    Buf buffer(long deadline) throws IOException {
        enter(null);
        try {
            Buf b = takeSpare(deadline);
            spareWanted = true;
            return b;
        } finally {
            exit();
        }
    }

    /** Queues what the lease holds and asks the loop to send everything queued. */
    void flush(long deadline) throws IOException {
        enter(null);
        try {
            flushLease(deadline);
            checkOpen();
            bridge.request(SocketBridge.DRAIN);
        } finally {
            exit();
        }
    }

    /** Queued bytes not yet handed to the connection, plus the lease. */
    long pendingBytes() {
        Buf l = lease;
        return queuedBytes.get() + (l == null ? 0 : l.readableBytes());
    }

    private void flushLease(long deadline) throws IOException {
        Buf l = lease;
        if (l != null && l.isReadable()) {
            lease = null;
            spareWanted = true;
            putLocked(l, deadline);
        }
    }

    private void putLocked(Buf b, long deadline) throws IOException {
        try {
            awaitRoom(deadline);
        } catch (IOException | RuntimeException e) {
            b.release();
            throw e;
        }
        ring.offer(b);
        long q = queuedBytes.addAndGet(b.readableBytes());
        if (ring.isFull() || q > high || closed != null) {
            bridge.request(SocketBridge.DRAIN);
        }
        checkOpen();
    }

    private void awaitRoom(long deadline) throws IOException {
        while (true) {
            checkOpen();
            if (hasRoom()) {
                return;
            }
            if (!ring.isEmpty()) {
                // the drain that moves them wakes us; with the ring empty only onWritable (or a close) can
                bridge.request(SocketBridge.DRAIN);
            }
            writer.arm();
            if (closed != null || hasRoom()) {
                writer.disarm();
                continue;
            }
            parked(writer.park(deadline));
        }
    }

    /**
     * The ring's byte count is read before the writable mirror: a drain clears the mirror before it takes the
     * bytes off the count, so a writer that sees the bytes gone also sees the connection full.
     */
    private boolean hasRoom() {
        return queuedBytes.get() <= high && !ring.isFull() && writable;
    }

    private Buf takeSpare(long deadline) throws IOException {
        while (true) {
            Buf b = spare.getAndSet(null);
            if (b != null) {
                return b;
            }
            checkOpen();
            spareWanted = true;
            bridge.request(SocketBridge.DRAIN);
            writer.arm();
            if (spare.get() != null || closed != null) {
                writer.disarm();
                continue;
            }
            parked(writer.park(deadline));
        }
    }

    private void parked(int woke) throws IOException {
        if (woke == Waiter.TIMED_OUT) {
            throw new SocketTimeoutException("write on " + bridge + " timed out (peer not reading)");
        }
        if (woke == Waiter.INTERRUPTED) {
            Thread.currentThread().interrupt();
            bridge.socket().abortAfterInterrupt();
            throw new InterruptedIOException("write on " + bridge + " interrupted; the socket was closed");
        }
    }

    private void checkOpen() throws IOException {
        IOException c = closed;
        if (c != null) {
            // a fresh exception per call, so each failing write has its own stack trace
            throw c instanceof SocketException ? new SocketException(c.getMessage())
                : new IOException(c.getMessage(), c);
        }
    }

    private void enter(Buf owned) throws SocketException {
        if (!writerRole.compareAndSet(false, true)) {
            if (owned != null) {
                owned.release();
            }
            if (closing || closed != null) {
                throw new SocketException("write on " + bridge + ": socket closed");
            }
            throw new IllegalStateException("two threads write " + bridge + " at once; one writer at a time");
        }
    }

    private void exit() {
        writerRole.set(false);
        if (closed != null) {
            releaseLease();
        }
    }

    // ---- loop side ----------------------------------------------------------------------------

    /**
     * Loop: moves everything queued into {@code c} and flushes; refreshes the writable mirror and the spare.
     * Wakes the writer only for what it waits on (room in the ring, writability regained): a drain that
     * changed nothing must not, or a writer parked on a connection that stays full would ask for the next
     * drain at once, and the two would keep the loop busy (forever once it stops polling during shutdown).
     */
    void drainTo(Connection c) {
        boolean moved = false;
        for (Buf b; (b = ring.poll()) != null; ) {
            int n = b.readableBytes();
            c.write(b); // releases it when the connection is no longer open
            if (writable && !c.isWritable()) {
                // before the count drops: a writer must not see the ring emptied and a stale "writable"
                writable = false;
            }
            queuedBytes.addAndGet(-n);
            moved = true;
        }
        if (!c.isOpen()) {
            // closing (the runtime's shutdown, or an abort): nothing written from now on would be sent
            close(new SocketException(bridge + " is closed"));
            return;
        }
        c.flush();
        boolean was = writable;
        writable = c.isWritable();
        offerSpare(c);
        if (moved || (writable && !was)) {
            writer.wake();
        }
    }

    /** Loop: leaves a spare buffer for array writes when the writer asked for one. */
    void offerSpare(Connection c) {
        if (spareWanted && closed == null && c.isOpen() && spare.get() == null) {
            spareWanted = false;
            spare.set(c.loop().pool().acquire());
            if (closed != null) {
                releaseSpare();
            }
            writer.wake(); // a writer may be parked in takeSpare
        }
    }

    /** Loop: the connection went below its low watermark. */
    void onWritable() {
        writable = true;
        writer.wake();
    }

    /** Loop: the connection is gone; what is still queued is released. */
    void fail(IOException cause) {
        close(cause);
        for (Buf b; (b = ring.poll()) != null; ) {
            queuedBytes.addAndGet(-b.readableBytes());
            b.release();
        }
    }

    /**
     * Any thread, when the user closes: unless another writer is inside, what the lease holds is
     * queued (without waiting; released if the ring is full), then writing ends with {@code cause}.
     */
    void closeFlushing(IOException cause) {
        closing = true;
        if (writerRole.compareAndSet(false, true)) {
            Buf l = lease;
            if (l != null && l.isReadable() && closed == null && ring.offer(l)) {
                lease = null;
                queuedBytes.addAndGet(l.readableBytes());
            }
            writerRole.set(false);
        }
        close(cause);
    }

    /** Any thread: writing ends with {@code cause}; the spare and (once no writer is inside) the lease are freed. */
    void close(IOException cause) {
        closing = true;
        if (closed == null) {
            closed = cause;
        }
        writer.wake();
        releaseSpare();
        releaseLease();
    }

    /**
     * Reader side, before it parks for input: an idle connection keeps no spare. The loop leaves a
     * new one with the next received data, so a reply written after it does not wait for memory.
     */
    void releaseIdleSpare() {
        Buf s = spare.getAndSet(null);
        if (s != null) {
            spareWanted = true;
            s.release();
        }
    }

    private void releaseSpare() {
        Buf s = spare.getAndSet(null);
        if (s != null) {
            s.release();
        }
    }

    private void releaseLease() {
        while (writerRole.compareAndSet(false, true)) {
            Buf l = lease;
            lease = null;
            if (l != null) {
                l.release();
            }
            writerRole.set(false);
            if (lease == null) {
                return;
            }
        }
    }
}
