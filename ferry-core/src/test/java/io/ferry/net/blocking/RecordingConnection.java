package io.ferry.net.blocking;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufWriter;
import io.ferry.loop.EventLoop;
import io.ferry.net.Connection;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection with no socket behind it, for driving a {@link SocketBridge} by hand: it counts what the
 * bridge asks of it, and keeps the ints of each written buffer (then releases it, as sending would).
 * Stays open and writable whatever is called, so every request keeps being carried out, until a test sets
 * {@link #writable} (a peer that stopped reading) or {@link #open} (the runtime's shutdown began closing it).
 */
final class RecordingConnection implements Connection {
    final List<Integer> written = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger flushes = new AtomicInteger();
    final AtomicInteger shutdowns = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger aborts = new AtomicInteger();
    final AtomicInteger pauses = new AtomicInteger();
    final AtomicInteger resumes = new AtomicInteger();
    /** What {@link #isWritable()} answers. */
    volatile boolean writable = true;
    /** What {@link #isOpen()} answers; once false, written buffers are released unrecorded, as a closing one does. */
    volatile boolean open = true;
    private final EventLoop loop;
    private volatile boolean readingPaused;

    /** @param loop what {@link #loop()} answers; null keeps the bridge from queueing its requests anywhere */
    RecordingConnection(EventLoop loop) {
        this.loop = loop;
    }

    boolean readingPaused() {
        return readingPaused;
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public void write(Buf buf) {
        for (int i = buf.readIndex(); open && i + 4 <= buf.writeIndex(); i += 4) {
            written.add(buf.getInt(i));
        }
        buf.release();
    }

    @Override
    public BufWriter writer() {
        throw new UnsupportedOperationException("not used by the bridge");
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public long pendingWriteBytes() {
        return 0;
    }

    @Override
    public void pauseReading() {
        pauses.incrementAndGet();
        readingPaused = true;
    }

    @Override
    public void resumeReading() {
        resumes.incrementAndGet();
        readingPaused = false;
    }

    @Override
    public void shutdownOutput() {
        shutdowns.incrementAndGet();
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    @Override
    public void abort() {
        aborts.incrementAndGet();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return null;
    }

    @Override
    public InetSocketAddress localAddress() {
        return null;
    }

    @Override
    public java.util.Optional<io.ferry.net.PeerCredentials> peerCredentials() {
        return java.util.Optional.empty();
    }

    @Override
    public Object attachment() {
        return null;
    }

    @Override
    public void attach(Object attachment) {
    }
}
