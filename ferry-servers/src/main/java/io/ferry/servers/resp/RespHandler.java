package io.ferry.servers.resp;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufWriter;
import io.ferry.buffer.BufferPool;
import io.ferry.loop.Timer;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.util.concurrent.TimeUnit;

/**
 * One RESP connection: parses every complete command in what arrived, executes them in order, and
 * flushes all their replies once per read (pipelining costs one write per batch, not per command).
 *
 * <p>Memory: commands are parsed straight out of the received buffer. Only when a read ends inside a
 * command is its tail copied into a connection-owned buffer, which grows with the bytes actually
 * received (never with a declared length) and is freed as soon as the command completes, so an idle
 * connection holds no buffer.
 *
 * <p>Backpressure: once the queued replies cross the high watermark, execution stops between two
 * commands, reading pauses, and the unexecuted rest is kept until {@link #onWritable}. What one command
 * adds beyond that is bounded by the {@link OutputLimits}: past the hard limit, or over the soft one for
 * its duration, the client is reset with its queued replies dropped, as Redis disconnects it.
 *
 * <p>Errors: malformed input gets {@code -ERR Protocol error: ...} after the replies to the commands
 * before it, then the connection closes, like Redis.
 *
 * <p>Threads: the connection's loop thread.
 */
final class RespHandler implements Handler {
    /** Queued replies beyond this are flushed before executing more commands of the same read. */
    private static final int FLUSH_BYTES = 64 * 1024;
    /** How long a stopped connection waits for the peer's FIN before closing anyway. */
    private static final long CLOSE_GRACE_MS = 1000;
    private final RespParser parser;
    private final CommandExecutor executor;
    private final ServerState server;
    private final Session session;
    private final Request request = new Request();
    private final long queryBufferLimit;
    private final OutputLimits outputLimits;
    /** Armed while the queued replies are over the soft limit; null otherwise. */
    private Timer overSoftLimit;
    /** Received bytes not yet executed; empty when everything received was executed. */
    private final QueryBuffer pending;
    private boolean blocked;
    private boolean closing;
    private boolean inputClosed;
    /** Closed, or reset for its queued replies (its close may follow later): the output limits are done with. */
    private boolean limitsDone;

    /**
     * @param maxArgs          the most arguments one command may declare
     * @param queryBufferLimit the most bytes of incomplete command input held for this client
     * @param outputLimits     the bounds on replies queued for this client
     * @param shared           the scratch state of the connection's loop
     */
    RespHandler(ServerState server, Session session, BufferPool pool, long maxBulk, int maxArgs,
                long queryBufferLimit, OutputLimits outputLimits, LoopCommands shared) {
        this.parser = new RespParser(maxBulk, maxArgs);
        this.queryBufferLimit = queryBufferLimit;
        this.pending = new QueryBuffer(pool, queryBufferLimit);
        this.outputLimits = outputLimits;
        this.server = server;
        this.session = session;
        this.executor = new CommandExecutor(server, session, pool, outputLimits, shared);
    }

    @Override
    public void onData(Connection c, Buf data) {
        if (closing) {
            data.release();
            return;
        }
        if (!pending.isEmpty()) {
            try {
                pending.add(data); // on failure what is held is still in pending, for onClose
            } finally {
                data.release(); // also when the pool refuses to grow: the failure closes the connection
            }
            if (!blocked && pending.ready()) {
                runPending(c);
            }
        } else {
            try {
                run(c, data);
                if (data.isReadable() && !closing) {
                    pending.add(data);
                    pending.await(parser.awaiting());
                }
            } finally {
                data.release();
            }
        }
        if (pending.bytes() > queryBufferLimit && !closing) {
            // Redis's client-query-buffer-limit: a command this large is never completed; stop holding it.
            Replies.error(c.writer(), "Protocol error: query buffer limit of " + queryBufferLimit + " bytes reached");
            stopReading(c);
            pending.release();
        }
        c.flush();
        watchSoftLimit(c);
    }

    @Override
    public void onWritable(Connection c) {
        watchSoftLimit(c); // drained: disarms it, also when a batch ended over the limit without blocking
        if (!blocked) {
            return;
        }
        blocked = false;
        c.resumeReading();
        if (!pending.isEmpty()) {
            if (pending.ready()) {
                runPending(c);
            }
            c.flush();
            watchSoftLimit(c);
        }
        if (inputClosed && !blocked) {
            c.close();
        }
    }

    @Override
    public void onInputClosed(Connection c) {
        inputClosed = true;
        if (!blocked) {
            c.close();
        }
    }

    @Override
    public void onClose(Connection c, Throwable cause) {
        limitsDone = true;
        if (overSoftLimit != null) {
            overSoftLimit.cancel();
            overSoftLimit = null;
        }
        server.remove(session);
        pending.release();
    }

    /**
     * CLIENT KILL, on this connection's loop: an orderly close, then a reset one grace period later if the peer
     * has not taken the queued replies by then (Redis drops them; a peer that does not read would never let the
     * close finish).
     */
    void kill(Connection c) {
        if (!c.isOpen()) {
            return; // closing already: an earlier kill, a disconnect, or the peer's close
        }
        closing = true;
        c.close();
        c.loop().schedule(c::abort, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** Runs the held commands; frees what they consumed and notes what the parser awaits for the rest. */
    private void runPending(Connection c) {
        run(c, pending.contiguous());
        pending.await(parser.awaiting()); // after a disconnect (which closed at once) nothing is held: a no-op
        pending.releaseIfConsumed(closing);
    }

    /** Executes the complete commands readable in {@code src}, advancing its read index past them. */
    private void run(Connection c, Buf src) {
        BufWriter w = c.writer();
        int end = src.writeIndex();
        while (src.readIndex() < end) {
            int start = src.readIndex();
            int length = parser.parse(src, start, end, request);
            if (length == RespParser.INCOMPLETE) {
                return;
            }
            if (length == RespParser.FAILED) {
                Replies.error(w, parser.error());
                stop(c, src);
                return;
            }
            if (session.killed) { // CLIENT KILL has answered: nothing more runs (its close task follows)
                src.readIndex(end);
                kill(c);
                return;
            }
            request.bind(src, start);
            boolean quit = request.argc() > 0 && executor.execute(request, w);
            src.readIndex(start + length);
            if (quit) {
                stop(c, src);
                return;
            }
            if (outputLimits.pastHard(c.pendingWriteBytes())) {
                disconnect(c);
                return;
            }
            if (w.pendingBytes() >= FLUSH_BYTES) {
                c.flush();
                if (!c.isWritable()) {
                    blocked = true;
                    c.pauseReading();
                    return;
                }
            }
        }
    }

    /**
     * After QUIT or a protocol error: drop the rest, send FIN once the replies are flushed, and close
     * when the peer does (or after a grace period). Closing at once with unread input would make the
     * kernel reset the connection, and the peer could lose the error reply.
     */
    private void stop(Connection c, Buf src) {
        src.readIndex(src.writeIndex());
        stopReading(c);
    }

    private void stopReading(Connection c) {
        closing = true;
        c.shutdownOutput();
        c.loop().schedule(c::close, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** Arms the soft limit's timer when the queued replies are over it, disarms it when they are not. */
    private void watchSoftLimit(Connection c) {
        boolean over = !limitsDone && outputLimits.overSoft(c.pendingWriteBytes());
        if (over && overSoftLimit == null) {
            overSoftLimit = c.loop().schedule(() -> softLimitExpired(c), outputLimits.softSeconds(), TimeUnit.SECONDS);
        } else if (!over && overSoftLimit != null) {
            overSoftLimit.cancel();
            overSoftLimit = null;
        }
    }

    /**
     * The soft limit's duration has passed since the replies went over it, and they were not seen under it since:
     * if they are still over, the peer is not taking them.
     */
    private void softLimitExpired(Connection c) {
        overSoftLimit = null;
        if (!limitsDone && outputLimits.overSoft(c.pendingWriteBytes())) {
            disconnect(c);
        }
    }

    /**
     * Resets a client whose queued replies are past a limit, dropping them (a peer that does not read would never
     * let an orderly close finish). Counted for INFO, not logged: a peer can cause it at will.
     */
    private void disconnect(Connection c) {
        closing = true;
        limitsDone = true;
        server.outputLimitDisconnections.increment();
        c.abort();
    }
}
