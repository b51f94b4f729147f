package io.ferry.connection;

import io.ferry.loop.Timer;
import io.ferry.net.SocketOptions;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The read and idle timeouts of one connection ({@link SocketOptions#readTimeout()},
 * {@link SocketOptions#idleTimeout()}). Traffic only stamps a time; one loop timer per connection wakes at
 * the earliest possible deadline and either re-arms for what is left or expires the connection, so a busy
 * connection costs a clock read per read or send, not a timer per byte. After expiry the connection gets
 * one more timeout to finish closing, then it is aborted; so does one that was already closing (a close
 * whose last bytes the peer does not take). Loop thread only.
 */
final class ConnectionTimeouts implements Runnable {
    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);
    private final SocketConnection connection;
    private final long readNanos;
    private final long idleNanos;
    private long lastRead;
    private long lastActivity;
    private boolean readPaused;
    private boolean expired;
    private Timer timer;

    private ConnectionTimeouts(SocketConnection connection, long readNanos, long idleNanos) {
        this.connection = connection;
        this.readNanos = readNanos;
        this.idleNanos = idleNanos;
    }

    /** {@return the timeouts of {@code connection}, started, or null when its options set none} */
    static ConnectionTimeouts start(SocketConnection connection, SocketOptions options) {
        long read = nanos(options.readTimeout());
        long idle = nanos(options.idleTimeout());
        if (read == 0 && idle == 0) {
            return null;
        }
        ConnectionTimeouts t = new ConnectionTimeouts(connection, read, idle);
        t.restart();
        return t;
    }

    /** Bytes arrived. */
    void received() {
        long now = System.nanoTime();
        lastRead = now;
        lastActivity = now;
    }

    /** The kernel took bytes to send. */
    void sent() {
        lastActivity = System.nanoTime();
    }

    /** Reading paused (the read clock stops) or resumed (it starts over). */
    void readPaused(boolean paused) {
        readPaused = paused;
        if (!paused) {
            lastRead = System.nanoTime();
        }
    }

    /** The connection closed: no more timer. */
    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** The timer fired: expire the connection, or wait for what is left of the nearest deadline. */
    @Override
    public void run() {
        timer = null;
        if (expired) {
            connection.abortAfterTimeout(); // a peer that would not take the last bytes
            return;
        }
        long now = System.nanoTime();
        // Time left as the timeout minus time passed: no overflow however long the timeout.
        long readLeft = readNanos == 0 || readPaused ? Long.MAX_VALUE : readNanos - (now - lastRead);
        long idleLeft = idleNanos == 0 ? Long.MAX_VALUE : idleNanos - (now - lastActivity);
        if (readLeft <= 0) {
            expire("read timeout: no bytes from " + peer() + " for " + millis(readNanos) + " ms", readNanos);
        } else if (idleLeft <= 0) {
            expire("idle timeout: no bytes to or from " + peer() + " for " + millis(idleNanos) + " ms", idleNanos);
        } else {
            arm(Math.min(Math.min(readLeft, idleLeft), Math.max(readNanos, idleNanos)));
        }
    }

    private void expire(String message, long timeoutNanos) {
        expired = true;
        connection.timedOut(new SocketTimeoutException(message));
        if (connection.isOpen()) {
            expired = false; // the handler kept it: its clocks start over
            restart();
        } else if (!connection.isClosed()) {
            arm(timeoutNanos);
        }
    }

    private void restart() {
        long now = System.nanoTime();
        lastRead = now;
        lastActivity = now;
        long first = readNanos == 0 ? idleNanos : idleNanos == 0 ? readNanos : Math.min(readNanos, idleNanos);
        arm(first);
    }

    private void arm(long nanos) {
        timer = connection.loop().schedule(this, nanos, TimeUnit.NANOSECONDS);
    }

    private String peer() {
        return connection.remoteAddress() == null ? "the peer" : Peers.describe(connection.remoteAddress());
    }

    /** A timeout in nanoseconds; one too long for a long (about 292 years) is as good as forever. */
    private static long nanos(Duration timeout) {
        return timeout.compareTo(FOREVER) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
