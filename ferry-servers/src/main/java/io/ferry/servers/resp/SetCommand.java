package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;

/**
 * {@code SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL]} and
 * {@code GETEX key [EX s | PX ms | EXAT s | PXAT ms | PERSIST]}, with Redis 7's shared option rules
 * (NX excludes XX; one expiry form, repeatable; KEEPTTL and PERSIST exclude expiries) and error texts.
 * With GET, SET replies with the value the key held before, whether or not NX / XX let it set.
 *
 * <p>Threads: one connection's loop thread (it shares that connection's probe key).
 */
final class SetCommand {
    private static final byte[] EX = Replies.ascii("EX");
    private static final byte[] PX = Replies.ascii("PX");
    private static final byte[] EXAT = Replies.ascii("EXAT");
    private static final byte[] PXAT = Replies.ascii("PXAT");
    private static final byte[] NX = Replies.ascii("NX");
    private static final byte[] XX = Replies.ascii("XX");
    private static final byte[] GET = Replies.ascii("GET");
    private static final byte[] KEEPTTL = Replies.ascii("KEEPTTL");
    private static final byte[] PERSIST = Replies.ascii("PERSIST");
    private static final byte[][] EXPIRY_FORMS = {EX, PX, EXAT, PXAT};
    /** Option flags beyond {@link Keyspace}'s NX / XX / KEEP_TTL. */
    private static final int WITH_GET = 8;
    private static final int WITH_PERSIST = 16;
    /** Returned by {@link #expireAt} after an error reply. */
    private static final long FAILED = -1;
    private final Keyspace keyspace;
    private final ServerState server;
    private final Key probe;
    /** Set by {@link #options}: the flags, and the absolute expiry (or {@link Entry#PERSISTENT}). */
    private int flags;
    private long expireAt;
    /** Whether the last parsed expiry was absolute (EXAT / PXAT), so may lie in the past. */
    private boolean absolute;

    SetCommand(ServerState server, Key probe) {
        this.server = server;
        this.keyspace = server.keyspace;
        this.probe = probe;
    }

    void set(Request req, BufWriter w, boolean resp3) {
        if (!options(req, 3, false, w)) {
            return;
        }
        Key k = probe.probe(req, 1);
        if ((flags & WITH_GET) != 0) {
            Entry old = keyspace.getAndSet(k, req.copy(2), expireAt, flags & ~WITH_GET);
            Replies.bulk(w, old == null ? null : old.value(), resp3);
        } else if (keyspace.set(k, req.copy(2), expireAt, flags)) {
            Replies.raw(w, Replies.OK);
        } else {
            Replies.nil(w, resp3);
        }
    }

    void getex(Request req, BufWriter w, boolean resp3) {
        if (!options(req, 2, true, w)) {
            return;
        }
        Key k = probe.probe(req, 1);
        while (true) {
            Entry e = keyspace.get(k);
            if (e == null) {
                server.misses.increment();
                Replies.nil(w, resp3);
                return;
            }
            boolean done;
            if (expireAt != Entry.PERSISTENT) {
                done = absolute && expireAt <= keyspace.now() ? keyspace.delete(k, e)
                    : keyspace.swap(k, e, new Entry(e.value(), expireAt));
            } else if ((flags & WITH_PERSIST) != 0 && e.expireAt() != Entry.PERSISTENT) {
                done = keyspace.swap(k, e, new Entry(e.value(), Entry.PERSISTENT));
            } else {
                done = true;
            }
            if (done) {
                server.hits.increment();
                Replies.bulk(w, e.value());
                return;
            }
        }
    }

    /** Parses the options from argument {@code from}; false after replying with an error. */
    private boolean options(Request req, int from, boolean getex, BufWriter w) {
        flags = 0;
        int form = -1;
        int expiryArg = -1;
        for (int i = from; i < req.argc(); i++) {
            int f = expiryForm(req, i);
            if (!getex && req.is(i, NX) && (flags & Keyspace.XX) == 0) {
                flags |= Keyspace.NX;
            } else if (!getex && req.is(i, XX) && (flags & Keyspace.NX) == 0) {
                flags |= Keyspace.XX;
            } else if (!getex && req.is(i, GET)) {
                flags |= WITH_GET;
            } else if (!getex && req.is(i, KEEPTTL) && form < 0) {
                flags |= Keyspace.KEEP_TTL;
            } else if (getex && req.is(i, PERSIST) && form < 0) {
                flags |= WITH_PERSIST;
            } else if (f >= 0 && (form < 0 || form == f) && (flags & (Keyspace.KEEP_TTL | WITH_PERSIST)) == 0
                && i + 1 < req.argc()) {
                form = f;
                expiryArg = ++i;
            } else {
                Replies.error(w, CommandExecutor.SYNTAX);
                return false;
            }
        }
        expireAt = Entry.PERSISTENT;
        if (form >= 0) {
            expireAt = expireAt(req, w, form, expiryArg, getex ? "getex" : "set");
            return expireAt != FAILED;
        }
        return true;
    }

    private static int expiryForm(Request req, int i) {
        for (int f = 0; f < EXPIRY_FORMS.length; f++) {
            if (req.is(i, EXPIRY_FORMS[f])) {
                return f;
            }
        }
        return -1;
    }

    /** The absolute expiry in epoch ms, or {@link #FAILED} after replying with an error. */
    private long expireAt(Request req, BufWriter w, int form, int arg, String command) {
        if (!req.parseLong(arg)) {
            Replies.error(w, CommandExecutor.NOT_AN_INTEGER);
            return FAILED;
        }
        long t = req.number();
        boolean seconds = form == 0 || form == 2;
        boolean relative = form == 0 || form == 1;
        absolute = !relative;
        long now = keyspace.now();
        if (t <= 0 || seconds && t > Long.MAX_VALUE / 1000) {
            return invalid(w, command);
        }
        t = seconds ? t * 1000 : t;
        if (relative && t > Long.MAX_VALUE - now) {
            return invalid(w, command);
        }
        return relative ? t + now : t;
    }

    private static long invalid(BufWriter w, String command) {
        Replies.error(w, "invalid expire time in '" + command + "' command");
        return FAILED;
    }
}
