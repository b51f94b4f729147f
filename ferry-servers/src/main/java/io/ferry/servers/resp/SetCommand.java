package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;

/**
 * {@code SET key value [NX | XX] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL]}, with Redis 7's option
 * rules (NX excludes XX; one expiry form, repeatable; KEEPTTL excludes expiries) and error texts.
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
    private static final byte[] KEEPTTL = Replies.ascii("KEEPTTL");
    private static final byte[][] EXPIRY_FORMS = {EX, PX, EXAT, PXAT};
    private final Keyspace keyspace;
    private final Key probe;

    SetCommand(Keyspace keyspace, Key probe) {
        this.keyspace = keyspace;
        this.probe = probe;
    }

    void execute(Request req, BufWriter w) {
        int flags = 0;
        int form = -1;
        int expiryArg = -1;
        for (int i = 3; i < req.argc(); i++) {
            int f = expiryForm(req, i);
            if (req.is(i, NX) && (flags & Keyspace.XX) == 0) {
                flags |= Keyspace.NX;
            } else if (req.is(i, XX) && (flags & Keyspace.NX) == 0) {
                flags |= Keyspace.XX;
            } else if (req.is(i, KEEPTTL) && form < 0) {
                flags |= Keyspace.KEEP_TTL;
            } else if (f >= 0 && (form < 0 || form == f) && (flags & Keyspace.KEEP_TTL) == 0 && i + 1 < req.argc()) {
                form = f;
                expiryArg = ++i;
            } else {
                Replies.error(w, CommandExecutor.SYNTAX);
                return;
            }
        }
        long expireAt = Entry.PERSISTENT;
        if (form >= 0) {
            expireAt = expireAt(req, w, form, expiryArg);
            if (expireAt < 0) {
                return;
            }
        }
        if (keyspace.set(probe.probe(req, 1), req.copy(2), expireAt, flags)) {
            Replies.raw(w, Replies.OK);
        } else {
            Replies.raw(w, Replies.NULL);
        }
    }

    private static int expiryForm(Request req, int i) {
        for (int f = 0; f < EXPIRY_FORMS.length; f++) {
            if (req.is(i, EXPIRY_FORMS[f])) {
                return f;
            }
        }
        return -1;
    }

    /** The absolute expiry in epoch ms, or -1 after replying with an error. */
    private long expireAt(Request req, BufWriter w, int form, int arg) {
        if (!req.parseLong(arg)) {
            Replies.error(w, CommandExecutor.NOT_AN_INTEGER);
            return -1;
        }
        long t = req.number();
        boolean seconds = form == 0 || form == 2;
        boolean relative = form == 0 || form == 1;
        long now = keyspace.now();
        if (t <= 0 || seconds && t > Long.MAX_VALUE / 1000) {
            return invalid(w);
        }
        t = seconds ? t * 1000 : t;
        if (relative && t > Long.MAX_VALUE - now) {
            return invalid(w);
        }
        return relative ? t + now : t;
    }

    private static long invalid(BufWriter w) {
        Replies.error(w, "invalid expire time in 'set' command");
        return -1;
    }
}
