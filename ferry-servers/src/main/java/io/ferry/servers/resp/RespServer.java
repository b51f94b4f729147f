package io.ferry.servers.resp;

import io.ferry.loop.EventLoop;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The Redis-protocol server: pass it to {@code Ferry.listen}. Every connection, on whichever loop,
 * shares this server's one {@link Keyspace}. The first connection also starts the expiry sweep on
 * its loop: every {@value #SWEEP_PERIOD_MS} ms it looks at a bounded number of keys and reclaims the
 * expired ones, so keys that expire unread do not hold memory for long.
 *
 * <p>Threads: {@link #newHandler} runs on the accepting connection's loop, as Ferry calls it.
 */
public final class RespServer implements HandlerFactory {
    /** Redis's default proto-max-bulk-len. */
    public static final long DEFAULT_MAX_BULK = 512L * 1024 * 1024;
    /** Largest accepted --max-bulk: a bulk string must fit one buffer with its command. */
    public static final long MAX_MAX_BULK = 1024L * 1024 * 1024;
    static final long SWEEP_PERIOD_MS = 100;
    /** Keys looked at per sweep. */
    private static final int SWEEP_BUDGET = 20_000;
    private final Keyspace keyspace;
    private final long maxBulk;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    /**
     * @param maxBulk the largest bulk string a request may carry, in {@code [1, MAX_MAX_BULK]}
     * @throws IllegalArgumentException when {@code maxBulk} is out of range
     */
    public RespServer(long maxBulk) {
        this(maxBulk, System::currentTimeMillis);
    }

    RespServer(long maxBulk, LongSupplier clock) {
        if (maxBulk < 1 || maxBulk > MAX_MAX_BULK) {
            throw new IllegalArgumentException("max bulk length " + maxBulk + " outside [1, " + MAX_MAX_BULK + "]");
        }
        this.maxBulk = maxBulk;
        this.keyspace = new Keyspace(clock);
    }

    @Override
    public Handler newHandler(Connection connection) {
        if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
            scheduleSweep(connection.loop());
        }
        return new RespHandler(keyspace, maxBulk);
    }

    private void scheduleSweep(EventLoop loop) {
        loop.scheduleAtFixedRate(() -> keyspace.sweep(SWEEP_BUDGET), SWEEP_PERIOD_MS, SWEEP_PERIOD_MS,
            TimeUnit.MILLISECONDS);
    }

    /** The shared keyspace (tests look at it). */
    Keyspace keyspace() {
        return keyspace;
    }
}
