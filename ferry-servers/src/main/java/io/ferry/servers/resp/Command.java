package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The commands this server knows, with Redis's arity rule (positive: exactly that many arguments,
 * the name included; negative: at least that many) and a lookup that matches a request's first
 * argument case-insensitively on its bytes, without allocating.
 */
enum Command {
    PING(-1, "fast", 0, 0, 0),
    ECHO(2, "fast", 0, 0, 0),
    SET(-3, "write denyoom", 1, 1, 1),
    GET(2, "readonly fast", 1, 1, 1),
    GETEX(-2, "write fast", 1, 1, 1),
    DEL(-2, "write", 1, -1, 1),
    UNLINK(-2, "write fast", 1, -1, 1),
    EXISTS(-2, "readonly fast", 1, -1, 1),
    TYPE(2, "readonly fast", 1, 1, 1),
    INCR(2, "write denyoom fast", 1, 1, 1),
    DECR(2, "write denyoom fast", 1, 1, 1),
    INCRBY(3, "write denyoom fast", 1, 1, 1),
    DECRBY(3, "write denyoom fast", 1, 1, 1),
    MSET(-3, "write denyoom", 1, -1, 2),
    MGET(-2, "readonly fast", 1, -1, 1),
    EXPIRE(-3, "write fast", 1, 1, 1),
    PEXPIRE(-3, "write fast", 1, 1, 1),
    PERSIST(2, "write fast", 1, 1, 1),
    TTL(2, "readonly fast", 1, 1, 1),
    PTTL(2, "readonly fast", 1, 1, 1),
    KEYS(2, "readonly", 0, 0, 0),
    SCAN(-2, "readonly", 0, 0, 0),
    DBSIZE(1, "readonly fast", 0, 0, 0),
    FLUSHALL(-1, "write", 0, 0, 0),
    SELECT(2, "loading stale fast", 0, 0, 0),
    MULTI(1, "noscript loading stale fast allow_busy", 0, 0, 0),
    EXEC(1, "noscript loading stale skip_slowlog", 0, 0, 0),
    DISCARD(1, "noscript loading stale fast allow_busy", 0, 0, 0),
    HELLO(-1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0),
    AUTH(-2, "noscript loading stale fast no_auth allow_busy", 0, 0, 0),
    CLIENT(-2, "", 0, 0, 0),
    INFO(-1, "loading stale", 0, 0, 0),
    COMMAND(-1, "loading stale", 0, 0, 0),
    CONFIG(-2, "", 0, 0, 0),
    QUIT(-1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0);

    /** Commands by name length: a lookup compares only names of the right length. */
    private static final Command[][] BY_LENGTH = byLength();

    /** Upper-case name bytes, as matched. */
    private final byte[] name;
    /** Lower-case name, as Redis words its errors ("wrong number of arguments for 'get' command"). */
    private final String fullName;
    private final int arity;
    /** What COMMAND INFO reports: Redis 7's flags and key positions for the command. */
    private final String[] flags;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;
    private final boolean noAuth;

    Command(int arity, String flags, int firstKey, int lastKey, int keyStep) {
        this.name = name().getBytes(StandardCharsets.US_ASCII);
        this.fullName = name().toLowerCase(Locale.ROOT);
        this.arity = arity;
        this.flags = flags.isEmpty() ? new String[0] : flags.split(" ");
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.keyStep = keyStep;
        this.noAuth = flags.contains("no_auth");
    }

    /** The command named by {@code req}'s first argument, or null when unknown. */
    static Command lookup(Request req) {
        int n = req.length(0);
        if (n >= BY_LENGTH.length) {
            return null;
        }
        for (Command c : BY_LENGTH[n]) {
            if (req.is(0, c.name)) {
                return c;
            }
        }
        return null;
    }

    /** Whether {@code argc} arguments (name included) fit this command's arity. */
    boolean accepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    String fullName() {
        return fullName;
    }

    /** Whether a connection may run it before authenticating (AUTH, HELLO, QUIT). */
    boolean noAuth() {
        return noAuth;
    }

    /** The command named {@code name} (any case), or null. */
    static Command named(String name) {
        for (Command c : values()) {
            if (c.fullName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Its COMMAND INFO entry: name, arity, flags, first key, last key, step, then ACL categories, tips,
     * key specs and subcommands (empty here).
     */
    void describe(BufWriter w, boolean resp3) {
        Replies.arrayHeader(w, 10);
        Replies.bulk(w, fullName);
        Replies.integer(w, arity);
        Replies.setHeader(w, flags.length, resp3);
        for (String f : flags) {
            Replies.simple(w, f);
        }
        Replies.integer(w, firstKey);
        Replies.integer(w, lastKey);
        Replies.integer(w, keyStep);
        Replies.setHeader(w, 0, resp3);
        Replies.setHeader(w, 0, resp3);
        Replies.arrayHeader(w, 0);
        Replies.arrayHeader(w, 0);
    }

    private static Command[][] byLength() {
        int max = 0;
        for (Command c : values()) {
            max = Math.max(max, c.name.length);
        }
        Command[][] table = new Command[max + 1][];
        for (int n = 0; n <= max; n++) {
            int len = n;
            table[n] = java.util.Arrays.stream(values()).filter(c -> c.name.length == len).toArray(Command[]::new);
        }
        return table;
    }
}
