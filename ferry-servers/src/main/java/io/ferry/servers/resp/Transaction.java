package io.ferry.servers.resp;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufWriter;
import io.ferry.buffer.BufferPool;
import java.util.Arrays;

/**
 * A connection's MULTI / EXEC / DISCARD state. Queued commands are kept re-encoded as RESP in a heap
 * array (a transaction is rare, and this holds nothing from the pool while the client takes its
 * time); EXEC copies them into one pool buffer and runs them through the parser and executor in
 * order, all replies in one array. As in Redis, a command refused while queuing (unknown, wrong
 * arity) makes EXEC discard the transaction with EXECABORT.
 *
 * <p>Threads: the connection's loop thread.
 */
final class Transaction {
    private final Session session;
    private byte[] queued = new byte[0];
    private int size;
    private int count;
    private boolean active;
    private boolean dirty;

    Transaction(Session session) {
        this.session = session;
    }

    boolean active() {
        return active;
    }

    void multi(BufWriter w) {
        if (active) {
            Replies.error(w, "MULTI calls can not be nested");
            return;
        }
        active = true;
        session.multi = 0;
        Replies.raw(w, Replies.OK);
    }

    /** A command was refused while queuing: EXEC will abort. */
    void flag() {
        dirty |= active;
    }

    void queue(Request req, BufWriter w) {
        append('*', req.argc());
        for (int i = 0; i < req.argc(); i++) {
            int n = req.length(i);
            append('$', n);
            ensure(n + 2);
            req.buf().getBytes(req.index(i), queued, size, n);
            size += n;
            queued[size++] = '\r';
            queued[size++] = '\n';
        }
        session.multi = ++count;
        Replies.raw(w, Replies.QUEUED);
    }

    void discard(BufWriter w) {
        if (!active) {
            Replies.error(w, "DISCARD without MULTI");
            return;
        }
        reset();
        Replies.raw(w, Replies.OK);
    }

    /** Runs the queued commands with {@code executor}, parsed from a buffer of {@code pool}. */
    void exec(CommandExecutor executor, BufferPool pool, BufWriter w) {
        if (!active) {
            Replies.error(w, "EXEC without MULTI");
            return;
        }
        boolean aborted = dirty;
        int commands = count;
        int bytes = size;
        reset();
        if (aborted) {
            Replies.coded(w, "EXECABORT Transaction discarded because of previous errors.");
            return;
        }
        Replies.arrayHeader(w, commands);
        if (commands == 0) {
            return;
        }
        Buf buf = pool.acquire(bytes);
        try {
            buf.writeBytes(queued, 0, bytes);
            RespParser parser = new RespParser(RespServer.MAX_MAX_BULK);
            Request req = new Request();
            for (int at = 0; at < bytes; ) {
                int n = parser.parse(buf, at, bytes, req);
                req.bind(buf, at);
                executor.execute(req, w);
                at += n;
            }
        } finally {
            buf.release();
        }
        if (queued.length > 64 * 1024) {
            queued = new byte[0]; // do not keep a large transaction's array for the connection's life
        }
    }

    private void reset() {
        active = false;
        dirty = false;
        count = 0;
        size = 0;
        session.multi = -1;
    }

    /** {@code type}, the decimal {@code n}, CRLF. */
    private void append(char type, int n) {
        String header = type + Integer.toString(n) + "\r\n";
        ensure(header.length());
        for (int i = 0; i < header.length(); i++) {
            queued[size++] = (byte) header.charAt(i);
        }
    }

    private void ensure(int more) {
        if (queued.length - size < more) {
            queued = Arrays.copyOf(queued, Math.max(queued.length * 2, size + more + 64));
        }
    }
}
