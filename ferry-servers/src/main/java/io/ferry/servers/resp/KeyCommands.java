package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic key commands: {@code TYPE}, {@code PERSIST}, {@code KEYS pattern} and
 * {@code SCAN cursor [MATCH pattern] [COUNT n] [TYPE type]}, with Redis 7's replies and errors.
 *
 * <p>SCAN's cursor is a position in the 32-bit space of the keys' mixed hashes: a call returns the
 * keys whose hash lies in {@code [cursor, cursor + span)}, the span chosen so that about COUNT keys fall
 * in it, and the next cursor is the span's end (0 when past the last hash). Since a key's hash never
 * changes, a key present for a whole iteration is returned exactly once, whatever else changes, as
 * Redis guarantees. Note: each call walks the whole keyspace (O(keys)), as KEYS does.
 *
 * <p>Threads: one connection's loop thread (it shares that connection's probe key).
 */
final class KeyCommands {
    private static final byte[] MATCH = Replies.ascii("MATCH");
    private static final byte[] COUNT = Replies.ascii("COUNT");
    private static final byte[] TYPE = Replies.ascii("TYPE");
    private static final byte[] STRING = Replies.ascii("STRING");
    private static final byte[] TYPE_STRING = Replies.ascii("+string\r\n");
    private static final byte[] TYPE_NONE = Replies.ascii("+none\r\n");
    private static final long HASH_SPACE = 1L << 32;
    private final Keyspace keyspace;
    private final Key probe;

    KeyCommands(Keyspace keyspace, Key probe) {
        this.keyspace = keyspace;
        this.probe = probe;
    }

    void type(Request req, BufWriter w) {
        Replies.raw(w, keyspace.get(probe.probe(req, 1)) == null ? TYPE_NONE : TYPE_STRING);
    }

    void persist(Request req, BufWriter w) {
        Replies.raw(w, keyspace.persist(probe.probe(req, 1)) ? Replies.ONE : Replies.ZERO);
    }

    void keys(Request req, BufWriter w) {
        byte[] pattern = req.copy(1);
        List<Key> found = new ArrayList<>();
        keyspace.forEachKey(k -> {
            if (Glob.matches(pattern, k.bytes(), k.length())) {
                found.add(k);
            }
        });
        writeKeys(w, found);
    }

    void scan(Request req, BufWriter w) {
        long cursor = cursor(req);
        if (cursor < 0) {
            Replies.error(w, "invalid cursor");
            return;
        }
        long count = 10;
        byte[] pattern = null;
        boolean strings = true;
        for (int i = 2; i < req.argc(); i += 2) {
            if (i + 1 >= req.argc()) {
                Replies.error(w, CommandExecutor.SYNTAX);
                return;
            } else if (req.is(i, COUNT)) {
                if (!req.parseLong(i + 1)) {
                    Replies.error(w, CommandExecutor.NOT_AN_INTEGER);
                    return;
                }
                count = req.number();
                if (count < 1) {
                    Replies.error(w, CommandExecutor.SYNTAX);
                    return;
                }
            } else if (req.is(i, MATCH)) {
                pattern = req.length(i + 1) == 1 && req.buf().getByte(req.index(i + 1)) == '*' ? null : req.copy(i + 1);
            } else if (req.is(i, TYPE)) {
                strings = req.is(i + 1, STRING);
            } else {
                Replies.error(w, CommandExecutor.SYNTAX);
                return;
            }
        }
        long from = Math.min(cursor, HASH_SPACE);
        int size = keyspace.size();
        long span = count >= size ? HASH_SPACE : Math.max(1, HASH_SPACE / size * count);
        long to = Math.min(HASH_SPACE, from + span);
        byte[] glob = pattern;
        List<Key> found = new ArrayList<>();
        if (strings) {
            keyspace.forEachKey(k -> {
                long h = Integer.toUnsignedLong(k.mixedHash());
                if (h >= from && h < to && (glob == null || Glob.matches(glob, k.bytes(), k.length()))) {
                    found.add(k);
                }
            });
        }
        Replies.arrayHeader(w, 2);
        Replies.bulk(w, to >= HASH_SPACE ? "0" : Long.toString(to));
        writeKeys(w, found);
    }

    /** The cursor argument as an unsigned decimal, or -1 when it is not one. */
    private static long cursor(Request req) {
        int n = req.length(1);
        if (n == 0 || n > 20) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            int d = req.buf().getByte(req.index(1) + i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : v * 10 + d; // beyond the hash space: the end
        }
        return v < 0 ? Long.MAX_VALUE : v;
    }

    private static void writeKeys(BufWriter w, List<Key> keys) {
        Replies.arrayHeader(w, keys.size());
        for (Key k : keys) {
            Replies.bulk(w, k.bytes(), 0, k.length());
        }
    }
}
