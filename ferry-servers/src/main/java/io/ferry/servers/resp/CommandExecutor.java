package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;

/**
 * Runs one parsed {@link Request} against the {@link Keyspace} and writes its reply, with Redis 7's
 * semantics and error texts. PING, GET and SET on the common path allocate only what SET stores.
 *
 * <p>Threads: one connection's loop thread (it owns a probe key and a number parser); the keyspace
 * it shares is thread-safe.
 */
final class CommandExecutor {
    static final String NOT_AN_INTEGER = "value is not an integer or out of range";
    static final String SYNTAX = "syntax error";
    static final String OVERFLOW = "increment or decrement would overflow";
    private static final byte[] NX = Replies.ascii("NX");
    private static final byte[] XX = Replies.ascii("XX");
    private static final byte[] GT = Replies.ascii("GT");
    private static final byte[] LT = Replies.ascii("LT");
    private static final byte[] COUNT = Replies.ascii("COUNT");
    private static final byte[] ASYNC = Replies.ascii("ASYNC");
    private static final byte[] SYNC = Replies.ascii("SYNC");
    private final Keyspace keyspace;
    private final Key probe = Key.newProbe();
    private final Decimal decimal = new Decimal();
    private final SetCommand set;

    CommandExecutor(Keyspace keyspace) {
        this.keyspace = keyspace;
        this.set = new SetCommand(keyspace, probe);
    }

    /**
     * Executes {@code req} (at least one argument) and appends its reply to {@code w}.
     *
     * @return true when the connection is to be closed once the reply is sent (QUIT)
     */
    boolean execute(Request req, BufWriter w) {
        Command c = Command.lookup(req);
        if (c == null) {
            Replies.error(w, unknownCommand(req));
            return false;
        }
        if (!c.accepts(req.argc())) {
            Replies.error(w, wrongArity(c.fullName()));
            return false;
        }
        switch (c) {
            case PING -> ping(req, w);
            case ECHO -> Replies.bulk(w, req, 1);
            case SET -> set.execute(req, w);
            case GET -> get(req, w);
            case DEL, EXISTS -> count(c, req, w);
            case INCR -> incrBy(req, w, 1);
            case DECR -> incrBy(req, w, -1);
            case INCRBY, DECRBY -> incrByArgument(c, req, w);
            case MSET -> mset(req, w);
            case MGET -> mget(req, w);
            case EXPIRE -> expire(req, w, 1000);
            case PEXPIRE -> expire(req, w, 1);
            case TTL -> ttl(req, w, 1000);
            case PTTL -> ttl(req, w, 1);
            case DBSIZE -> Replies.integer(w, keyspace.size());
            case FLUSHALL -> flushAll(req, w);
            case SELECT -> select(req, w);
            case COMMAND -> command(req, w);
            case CONFIG -> ConfigCommand.execute(req, w);
            case QUIT -> {
                Replies.raw(w, Replies.OK);
                return true;
            }
        }
        return false;
    }

    static String wrongArity(String fullName) {
        return "wrong number of arguments for '" + fullName + "' command";
    }

    /** Redis's wording: the name and the first arguments, each cut so the list stays near 128 bytes. */
    static String unknownCommand(Request req) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < req.argc() && args.length() < 128; i++) {
            String a = req.text(i);
            int room = 128 - args.length();
            args.append('\'').append(a, 0, Math.min(a.length(), room)).append("' ");
        }
        String name = req.text(0);
        return "unknown command '" + name.substring(0, Math.min(name.length(), 128))
            + "', with args beginning with: " + args;
    }

    private static void ping(Request req, BufWriter w) {
        if (req.argc() == 1) {
            Replies.raw(w, Replies.PONG);
        } else if (req.argc() == 2) {
            Replies.bulk(w, req, 1);
        } else {
            Replies.error(w, wrongArity("ping"));
        }
    }

    private void get(Request req, BufWriter w) {
        Entry e = keyspace.get(probe.probe(req, 1));
        Replies.bulk(w, e == null ? null : e.value());
    }

    /** DEL and EXISTS: how many of the keys (repeats counted) were deleted / exist. */
    private void count(Command c, Request req, BufWriter w) {
        long n = 0;
        for (int i = 1; i < req.argc(); i++) {
            Key k = probe.probe(req, i);
            if (c == Command.DEL ? keyspace.delete(k) : keyspace.get(k) != null) {
                n++;
            }
        }
        Replies.integer(w, n);
    }

    private void incrByArgument(Command c, Request req, BufWriter w) {
        if (!req.parseLong(2)) {
            Replies.error(w, NOT_AN_INTEGER);
            return;
        }
        long by = req.number();
        if (c == Command.DECRBY) {
            if (by == Long.MIN_VALUE) {
                Replies.error(w, "decrement would overflow");
                return;
            }
            by = -by;
        }
        incrBy(req, w, by);
    }

    private void incrBy(Request req, BufWriter w, long by) {
        Key k = probe.probe(req, 1);
        while (true) {
            Entry old = keyspace.get(k);
            long current = 0;
            if (old != null) {
                if (!decimal.parse(old.value(), old.value().length)) {
                    Replies.error(w, NOT_AN_INTEGER);
                    return;
                }
                current = decimal.value();
            }
            if (by < 0 && current < 0 && by < Long.MIN_VALUE - current
                || by > 0 && current > 0 && by > Long.MAX_VALUE - current) {
                Replies.error(w, OVERFLOW);
                return;
            }
            long next = current + by;
            Entry update = new Entry(Decimal.ascii(next), old == null ? Entry.PERSISTENT : old.expireAt());
            if (keyspace.swap(k, old, update)) {
                Replies.integer(w, next);
                return;
            }
        }
    }

    private void mset(Request req, BufWriter w) {
        if (req.argc() % 2 == 0) {
            Replies.error(w, wrongArity("mset"));
            return;
        }
        for (int i = 1; i < req.argc(); i += 2) {
            keyspace.set(probe.probe(req, i), req.copy(i + 1), Entry.PERSISTENT, 0);
        }
        Replies.raw(w, Replies.OK);
    }

    private void mget(Request req, BufWriter w) {
        Replies.arrayHeader(w, req.argc() - 1);
        for (int i = 1; i < req.argc(); i++) {
            Entry e = keyspace.get(probe.probe(req, i));
            Replies.bulk(w, e == null ? null : e.value());
        }
    }

    private void ttl(Request req, BufWriter w, long unit) {
        Entry e = keyspace.get(probe.probe(req, 1));
        if (e == null) {
            Replies.integer(w, -2);
        } else if (e.expireAt() == Entry.PERSISTENT) {
            Replies.integer(w, -1);
        } else {
            long left = Math.max(0, e.expireAt() - keyspace.now());
            Replies.integer(w, unit == 1 ? left : (left + 500) / 1000);
        }
    }

    /** EXPIRE / PEXPIRE key time [NX | XX | GT | LT]. */
    private void expire(Request req, BufWriter w, long unit) {
        int flags = 0;
        for (int i = 3; i < req.argc(); i++) {
            int flag = req.is(i, NX) ? 1 : req.is(i, XX) ? 2 : req.is(i, GT) ? 4 : req.is(i, LT) ? 8 : 0;
            if (flag == 0) {
                Replies.error(w, "Unsupported option " + req.text(i));
                return;
            }
            flags |= flag;
        }
        if ((flags & 1) != 0 && flags != 1) {
            Replies.error(w, "NX and XX, GT or LT options at the same time are not compatible");
            return;
        }
        if ((flags & 12) == 12) {
            Replies.error(w, "GT and LT options at the same time are not compatible");
            return;
        }
        if (!req.parseLong(2)) {
            Replies.error(w, NOT_AN_INTEGER);
            return;
        }
        long when = req.number();
        long now = keyspace.now();
        if (when > Long.MAX_VALUE / unit || when < Long.MIN_VALUE / unit || when * unit > Long.MAX_VALUE - now) {
            Replies.error(w, "invalid expire time in '" + (unit == 1 ? "pexpire" : "expire") + "' command");
            return;
        }
        when = when * unit + now;
        Key k = probe.probe(req, 1);
        while (true) {
            Entry e = keyspace.get(k);
            if (e == null || !expireAllowed(flags, e, when)) {
                Replies.raw(w, Replies.ZERO);
                return;
            }
            boolean done = when <= now ? keyspace.delete(k, e) : keyspace.swap(k, e, new Entry(e.value(), when));
            if (done) {
                Replies.raw(w, Replies.ONE);
                return;
            }
        }
    }

    /** The NX / XX / GT / LT conditions (flags 1 / 2 / 4 / 8); no expiry counts as infinite. */
    private static boolean expireAllowed(int flags, Entry e, long when) {
        long current = e.expireAt() == Entry.PERSISTENT ? -1 : e.expireAt();
        return !((flags & 1) != 0 && current != -1
            || (flags & 2) != 0 && current == -1
            || (flags & 4) != 0 && (when <= current || current == -1)
            || (flags & 8) != 0 && current != -1 && when >= current);
    }

    private void flushAll(Request req, BufWriter w) {
        if (req.argc() > 2 || req.argc() == 2 && !req.is(1, ASYNC) && !req.is(1, SYNC)) {
            Replies.error(w, SYNTAX);
            return;
        }
        keyspace.clear();
        Replies.raw(w, Replies.OK);
    }

    /** Only database 0 exists. */
    private static void select(Request req, BufWriter w) {
        if (!req.parseLong(1)) {
            Replies.error(w, NOT_AN_INTEGER);
        } else if (req.number() != 0) {
            Replies.error(w, "DB index is out of range");
        } else {
            Replies.raw(w, Replies.OK);
        }
    }

    /** Enough for clients' handshakes: COMMAND COUNT counts, every other form answers an empty array. */
    private static void command(Request req, BufWriter w) {
        if (req.argc() == 2 && req.is(1, COUNT)) {
            Replies.integer(w, Command.values().length);
        } else {
            Replies.raw(w, Replies.EMPTY_ARRAY);
        }
    }
}
