package io.ferry.net.conformance;

import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.util.concurrent.CompletableFuture;

/**
 * A server handler that writes a position-dependent byte pattern as fast as the connection stays
 * writable, up to {@code limit} bytes (then closes), and resumes on {@code onWritable}. Records the
 * largest pending-write backlog it saw and how it closed.
 */
final class Firehose implements Handler {
    private final long limit;
    private final int seed;
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private long written;
    private long maxPending;
    private int writableEvents;
    private volatile Connection connection;

    Firehose(long limit, int seed) {
        this.limit = limit;
        this.seed = seed;
    }

    @Override
    public void onOpen(Connection c) {
        connection = c;
        pump(c);
    }

    @Override
    public void onData(Connection c, Buf data) {
        data.release();
    }

    @Override
    public void onWritable(Connection c) {
        writableEvents++;
        pump(c);
    }

    @Override
    public void onInputClosed(Connection c) {
        // keep writing: the peer only stopped sending
    }

    @Override
    public void onClose(Connection c, Throwable cause) {
        closed.complete(cause);
    }

    private void pump(Connection c) {
        while (c.isOpen() && c.isWritable() && written < limit) {
            Buf b = c.loop().pool().acquire();
            int n = (int) Math.min(b.capacity(), limit - written);
            for (int i = 0; i < n; i++) {
                b.writeByte(BackendFixture.patternByte(written + i, seed));
            }
            written += n;
            c.write(b);
            maxPending = Math.max(maxPending, c.pendingWriteBytes());
        }
        c.flush();
        if (written >= limit && c.isOpen()) {
            c.close();
        }
    }

    /** Completes with the close cause (null for an orderly close). */
    CompletableFuture<Throwable> closed() {
        return closed;
    }

    /** The connection, once open. */
    Connection connection() {
        return connection;
    }

    /** Bytes queued and not yet sent, asked on the connection's loop. */
    long pendingNow() {
        Connection c = connection;
        return c == null ? 0 : c.loop().await(c::pendingWriteBytes);
    }

    long written() {
        return written;
    }

    long maxPending() {
        return maxPending;
    }

    int writableEvents() {
        return writableEvents;
    }
}
