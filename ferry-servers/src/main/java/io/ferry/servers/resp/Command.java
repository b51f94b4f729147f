package io.ferry.servers.resp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The commands this server knows, with Redis's arity rule (positive: exactly that many arguments,
 * the name included; negative: at least that many) and a lookup that matches a request's first
 * argument case-insensitively on its bytes, without allocating.
 */
enum Command {
    PING(-1), ECHO(2), SET(-3), GET(2), DEL(-2), EXISTS(-2), INCR(2), DECR(2), INCRBY(3), DECRBY(3),
    MSET(-3), MGET(-2), EXPIRE(-3), PEXPIRE(-3), TTL(2), PTTL(2), DBSIZE(1), FLUSHALL(-1), SELECT(2),
    COMMAND(-1), CONFIG(-2), QUIT(-1);

    /** Commands by name length: a lookup compares only names of the right length. */
    private static final Command[][] BY_LENGTH = byLength();

    /** Upper-case name bytes, as matched. */
    private final byte[] name;
    /** Lower-case name, as Redis words its errors ("wrong number of arguments for 'get' command"). */
    private final String fullName;
    private final int arity;

    Command(int arity) {
        this.name = name().getBytes(StandardCharsets.US_ASCII);
        this.fullName = name().toLowerCase(Locale.ROOT);
        this.arity = arity;
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
