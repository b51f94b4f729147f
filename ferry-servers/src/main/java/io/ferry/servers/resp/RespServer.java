package io.ferry.servers.resp;

import io.ferry.loop.EventLoop;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The Redis-protocol server: pass it to {@code Ferry.listen}. Every connection, on whichever loop,
 * shares this server's one {@link Keyspace}, client list and counters; with a password, a connection
 * must AUTH (or HELLO ... AUTH) before anything else, as with Redis's {@code requirepass}. The first
 * connection also starts the expiry sweep on its loop: every {@value #SWEEP_PERIOD_MS} ms it looks at
 * a bounded number of keys and reclaims the expired ones, so keys that expire unread do not hold memory for long.
 *
 * <p>Threads: {@link #newHandler} runs on the accepting connection's loop, as Ferry calls it.
 */
public final class RespServer implements HandlerFactory {
    /** Redis's default proto-max-bulk-len. */
    public static final long DEFAULT_MAX_BULK = 512L * 1024 * 1024;
    /** Largest accepted --max-bulk: a bulk string must fit one buffer with its command. */
    public static final long MAX_MAX_BULK = 1024L * 1024 * 1024;
    /** Default cap on the arguments of one command (Redis has none below 2^31; its query buffer limit bounds it). */
    public static final int DEFAULT_MAX_ARGS = 1024 * 1024;
    /** Redis's default client-query-buffer-limit: incomplete command input held per client. */
    public static final long DEFAULT_QUERY_BUFFER_LIMIT = 1024L * 1024 * 1024;
    /**
     * Default hard limit on replies queued for one client: past it the client is disconnected at once. Redis has
     * none for normal clients; here a client that never reads would otherwise hold every reply one command makes
     * (an MGET of a thousand 10 KB values: 10 MB, for as long as it stays connected). A pipelining client that
     * reads is throttled far below this (the server stops reading it once its replies pass the 64 KiB write
     * watermark), so only one reply larger than 64 MiB (a GET of a bigger value) meets it: raise it, or 0, then.
     */
    public static final long DEFAULT_OUTPUT_HARD_LIMIT = 64L * 1024 * 1024;
    /**
     * Default soft limit on replies queued for one client: over it for {@link #DEFAULT_OUTPUT_SOFT_SECONDS}, the
     * client is disconnected. 1 MiB, far above what a throttled pipelining client ever has queued, so what a client
     * can hold for long is this plus what the kernel's socket buffers took (up to 4 MiB by Linux's default
     * tcp_wmem). With Redis's pubsub default of 8 MiB, a client sat on an unread 10 MB MGET reply for good: the
     * kernel had taken about 4 MB of it, leaving less than 8 MiB queued.
     */
    public static final long DEFAULT_OUTPUT_SOFT_LIMIT = 1024L * 1024;
    /** How long a client may stay over the soft limit by default (Redis's pubsub and replica classes: 60 s). */
    public static final long DEFAULT_OUTPUT_SOFT_SECONDS = 60;
    /** Room a query buffer needs beyond one bulk string of the max length: the command's headers. */
    private static final long COMMAND_HEADROOM = 1024;
    static final long SWEEP_PERIOD_MS = 100;
    /** Keys looked at per sweep. */
    private static final int SWEEP_BUDGET = 20_000;
    private final ServerState state;
    private final long maxBulk;
    private final int maxArgs;
    private final long queryBufferLimit;
    private final OutputLimits outputLimits;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final Map<EventLoop, LoopCommands> loops = new ConcurrentHashMap<>();

    /**
     * @param maxBulk the largest bulk string a request may carry, in {@code [1, MAX_MAX_BULK]}
     * @throws IllegalArgumentException when {@code maxBulk} is out of range
     */
    public RespServer(long maxBulk) {
        this(maxBulk, null);
    }

    /**
     * @param maxBulk  the largest bulk string a request may carry, in {@code [1, MAX_MAX_BULK]}
     * @param password what clients must present with AUTH (user {@code default}), or null for none
     * @throws IllegalArgumentException when {@code maxBulk} is out of range or the password is empty
     */
    public RespServer(long maxBulk, String password) {
        this(maxBulk, password, System::currentTimeMillis);
    }

    RespServer(long maxBulk, String password, LongSupplier clock) {
        this(maxBulk, DEFAULT_MAX_ARGS, defaultQueryBufferLimit(maxBulk), OutputLimits.DEFAULT,
            new ServerState(clock, passwordBytes(password)));
    }

    private RespServer(long maxBulk, int maxArgs, long queryBufferLimit, OutputLimits outputLimits,
                       ServerState state) {
        if (maxBulk < 1 || maxBulk > MAX_MAX_BULK) {
            throw new IllegalArgumentException("max bulk length " + maxBulk + " outside [1, " + MAX_MAX_BULK + "]");
        }
        if (maxArgs < 1) {
            throw new IllegalArgumentException("max arguments " + maxArgs + " must be at least 1");
        }
        if (queryBufferLimit < maxBulk + COMMAND_HEADROOM) {
            throw new IllegalArgumentException("query buffer limit " + queryBufferLimit + " cannot hold one bulk "
                + "string of the max bulk length " + maxBulk + " with its command (needs "
                + (maxBulk + COMMAND_HEADROOM) + ")");
        }
        this.maxBulk = maxBulk;
        this.maxArgs = maxArgs;
        this.queryBufferLimit = queryBufferLimit;
        this.outputLimits = outputLimits;
        this.state = state;
    }

    /**
     * {@return this server with other input limits} Call before serving: the result shares this one's keyspace
     * and clients.
     *
     * @param maxArgs          the most arguments one command may declare (default {@link #DEFAULT_MAX_ARGS});
     *                         more is {@code Protocol error: invalid multibulk length} and a close
     * @param queryBufferLimit the most bytes of incomplete command input held per client (default
     *                         {@link #DEFAULT_QUERY_BUFFER_LIMIT}, or the max bulk length plus 1 KiB when that is
     *                         more); past it the client gets a protocol error and is closed. At least the max
     *                         bulk length plus 1 KiB
     * @throws IllegalArgumentException when a limit is out of range
     */
    public RespServer withInputLimits(int maxArgs, long queryBufferLimit) {
        return new RespServer(maxBulk, maxArgs, queryBufferLimit, outputLimits, state);
    }

    /**
     * {@return this server with other limits on replies queued for one client and not yet taken by its peer}
     * Redis's {@code client-output-buffer-limit normal hard soft seconds}; zero turns a limit off. Call before
     * serving: the result shares this one's keyspace and clients. A client past a limit is disconnected (reset)
     * with its queued replies dropped, and INFO stats counts it in {@code client_output_buffer_limit_disconnections}.
     * A client that pipelines and reads slowly is not killed by them: once its queued replies pass the write
     * watermark, the server stops reading it until they drain.
     *
     * @param hard        bytes past which a client is disconnected at once (default
     *                    {@link #DEFAULT_OUTPUT_HARD_LIMIT}); one reply larger than this disconnects its client
     * @param soft        bytes a client may stay over for at most {@code softSeconds} (default
     *                    {@link #DEFAULT_OUTPUT_SOFT_LIMIT})
     * @param softSeconds how long, in seconds (default {@link #DEFAULT_OUTPUT_SOFT_SECONDS})
     * @throws IllegalArgumentException when a value is negative
     */
    public RespServer withOutputLimits(long hard, long soft, long softSeconds) {
        return new RespServer(maxBulk, maxArgs, queryBufferLimit, new OutputLimits(hard, soft, softSeconds), state);
    }

    /**
     * {@return the query buffer limit a server with {@code maxBulk} has unless told otherwise}
     * {@link #DEFAULT_QUERY_BUFFER_LIMIT}, or the max bulk length plus 1 KiB when that is more.
     *
     * @param maxBulk the largest bulk string a request may carry
     */
    public static long defaultQueryBufferLimit(long maxBulk) {
        return Math.max(DEFAULT_QUERY_BUFFER_LIMIT, maxBulk + COMMAND_HEADROOM);
    }

    private static byte[] passwordBytes(String password) {
        if (password != null && password.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
        return password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Handler newHandler(Connection connection) {
        if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
            scheduleSweep(connection.loop());
        }
        Session session = state.open(connection.remoteAddress(), connection.localAddress());
        EventLoop loop = connection.loop();
        LoopCommands shared = loops.get(loop);
        if (shared == null) { // first connection of this loop, on the loop's thread: no other thread adds it
            shared = new LoopCommands(state);
            loops.put(loop, shared);
        }
        RespHandler handler = new RespHandler(state, session, loop.pool(), maxBulk, maxArgs, queryBufferLimit,
            outputLimits, shared);
        session.killer = () -> {
            try {
                connection.loop().execute(() -> handler.kill(connection));
            } catch (RejectedExecutionException stopping) {
                // the victim's loop is stopping, which closes the victim anyway
            }
        };
        return handler;
    }

    private void scheduleSweep(EventLoop loop) {
        loop.scheduleAtFixedRate(() -> state.keyspace.sweep(SWEEP_BUDGET), SWEEP_PERIOD_MS, SWEEP_PERIOD_MS,
            TimeUnit.MILLISECONDS);
    }

    /** The shared keyspace (tests look at it). */
    Keyspace keyspace() {
        return state.keyspace;
    }
}
