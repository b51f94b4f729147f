package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;
import io.ferry.buffer.BufferPool;

/**
 * Runs one parsed {@link Request} for one connection and writes its reply, with Redis 7's semantics
 * and error texts, in RESP2 or RESP3 as the connection chose with HELLO. Before a command runs, the
 * checks go in Redis's order: known command, arity, authentication, then queuing inside MULTI. PING,
 * GET and SET on the common path allocate only what SET stores.
 *
 * <p>Threads: one connection's loop thread (it owns the connection's {@link Session} and shares the loop's
 * {@link LoopCommands}); the {@link ServerState} it shares is thread-safe.
 */
final class CommandExecutor {
    static final String NOT_AN_INTEGER = "value is not an integer or out of range";
    static final String SYNTAX = "syntax error";
    static final String OVERFLOW = "increment or decrement would overflow";
    private static final byte[] NX = Replies.ascii("NX");
    private static final byte[] XX = Replies.ascii("XX");
    private static final byte[] GT = Replies.ascii("GT");
    private static final byte[] LT = Replies.ascii("LT");
    private static final byte[] ASYNC = Replies.ascii("ASYNC");
    private static final byte[] SYNC = Replies.ascii("SYNC");
    private final ServerState server;
    private final Keyspace keyspace;
    private final Session session;
    private final BufferPool pool;
    private final Key probe;
    private final Decimal decimal;
    private final SetCommand set;
    private final KeyCommands keys;
    private final ConnectionCommands connection;
    private final InfoCommand info;
    private Transaction transaction; // made at the first MULTI: most clients never open one
    private final OutputLimits outputLimits;

    /**
     * @param pool         where EXEC copies a transaction's queued commands to run them
     * @param outputLimits what CONFIG GET client-output-buffer-limit reports
     * @param shared       the scratch state of the connection's loop
     */
    CommandExecutor(ServerState server, Session session, BufferPool pool, OutputLimits outputLimits,
                    LoopCommands shared) {
        this.server = server;
        this.keyspace = server.keyspace;
        this.session = session;
        this.pool = pool;
        this.probe = shared.probe;
        this.decimal = shared.decimal;
        this.set = shared.set;
        this.keys = shared.keys;
        this.connection = new ConnectionCommands(server, session);
        this.info = shared.info;
        this.outputLimits = outputLimits;
    }

    /**
     * Executes {@code req} (at least one argument) and appends its reply to {@code w}.
     *
     * @return true when the connection is to be closed once the reply is sent (QUIT)
     */
    boolean execute(Request req, BufWriter w) {
        Command c = Command.lookup(req);
        if (c == null) {
            flagTransaction();
            Replies.error(w, unknownCommand(req));
            return false;
        }
        if (!c.accepts(req.argc())) {
            flagTransaction();
            Replies.error(w, wrongArity(c.fullName()));
            return false;
        }
        if (!session.authenticated && !c.noAuth()) {
            flagTransaction();
            Replies.coded(w, "NOAUTH Authentication required.");
            return false;
        }
        if (transaction != null && transaction.active() && c != Command.EXEC && c != Command.DISCARD
            && c != Command.MULTI && c != Command.QUIT) {
            transaction.queue(req, w);
            return false;
        }
        session.lastCommand = c.fullName();
        session.lastMillis = keyspace.now();
        boolean quit = run(c, req, w);
        server.commands.increment(); // after, as Redis counts: INFO does not count itself
        return quit;
    }

    private void flagTransaction() {
        if (transaction != null) {
            transaction.flag();
        }
    }

    private Transaction transaction() {
        if (transaction == null) {
            transaction = new Transaction(session);
        }
        return transaction;
    }

    private boolean run(Command c, Request req, BufWriter w) {
        boolean resp3 = session.resp3;
        switch (c) {
            case PING -> ping(req, w);
            case ECHO -> Replies.bulk(w, req, 1);
            case SET -> set.set(req, w, resp3);
            case GET -> get(req, w, resp3);
            case GETEX -> set.getex(req, w, resp3);
            case DEL, UNLINK, EXISTS -> count(c, req, w);
            case TYPE -> keys.type(req, w);
            case INCR -> incrBy(req, w, 1);
            case DECR -> incrBy(req, w, -1);
            case INCRBY, DECRBY -> incrByArgument(c, req, w);
            case MSET -> mset(req, w);
            case MGET -> mget(req, w, resp3);
            case EXPIRE -> expire(req, w, 1000);
            case PEXPIRE -> expire(req, w, 1);
            case PERSIST -> keys.persist(req, w);
            case TTL -> ttl(req, w, 1000);
            case PTTL -> ttl(req, w, 1);
            case KEYS -> keys.keys(req, w);
            case SCAN -> keys.scan(req, w);
            case DBSIZE -> Replies.integer(w, keyspace.size());
            case FLUSHALL -> flushAll(req, w);
            case SELECT -> ConnectionCommands.select(req, w);
            case MULTI -> transaction().multi(w);
            case EXEC -> transaction().exec(this, pool, w);
            case DISCARD -> transaction().discard(w);
            case HELLO -> connection.hello(req, w);
            case AUTH -> connection.auth(req, w);
            case CLIENT -> connection.client(req, w);
            case INFO -> info.execute(req, session, w);
            case COMMAND -> CommandCommand.execute(req, w, resp3);
            case CONFIG -> ConfigCommand.execute(req, w, resp3, outputLimits);
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

    private void get(Request req, BufWriter w, boolean resp3) {
        Replies.bulk(w, lookup(req, 1), resp3);
    }

    /** The value of the key in argument {@code arg}, or null; counted as a keyspace hit or miss. */
    private byte[] lookup(Request req, int arg) {
        Entry e = keyspace.get(probe.probe(req, arg));
        (e == null ? server.misses : server.hits).increment();
        return e == null ? null : e.value();
    }

    /** DEL, UNLINK and EXISTS: how many of the keys (repeats counted) were deleted / exist. */
    private void count(Command c, Request req, BufWriter w) {
        long n = 0;
        for (int i = 1; i < req.argc(); i++) {
            Key k = probe.probe(req, i);
            if (c == Command.EXISTS ? keyspace.get(k) != null : keyspace.delete(k)) {
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

    /**
     * Stops early once the values written pass the hard output limit: the client is then disconnected
     * ({@link RespHandler}) and the cut reply dropped, so one MGET of many large values never holds more.
     */
    private void mget(Request req, BufWriter w, boolean resp3) {
        Replies.arrayHeader(w, req.argc() - 1);
        long written = 0;
        for (int i = 1; i < req.argc() && !outputLimits.pastHard(written); i++) {
            byte[] value = lookup(req, i);
            Replies.bulk(w, value, resp3);
            written += value == null ? 0 : value.length;
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
}
