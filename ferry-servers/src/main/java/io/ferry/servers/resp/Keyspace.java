package io.ferry.servers.resp;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The server's one database, shared by every loop: a {@link ConcurrentHashMap} from {@link Key} to
 * immutable {@link Entry}s. Lookups take a connection's probe key and allocate nothing; updates that
 * depend on the current value (NX/XX, INCR, EXPIRE, KEEPTTL) are compare-and-set loops over whole
 * entries, so each command is atomic with respect to every other.
 *
 * <p>Expiry is lazy (an expired entry reads as absent and is removed when met) plus a bounded
 * {@link #sweep} that a loop timer runs, so expired keys nobody reads are reclaimed too.
 *
 * <p>Threads: every method is safe from any thread, except {@link #sweep}, which one thread at a
 * time may call (it keeps its position between calls).
 */
final class Keyspace {
    /** SET only when the key does not exist. */
    static final int NX = 1;
    /** SET only when the key exists. */
    static final int XX = 2;
    /** SET keeps the key's time to live. */
    static final int KEEP_TTL = 4;

    private final ConcurrentHashMap<Key, Entry> map = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private Iterator<Map.Entry<Key, Entry>> sweepCursor;

    /** @param clock epoch milliseconds (a test may drive time by hand) */
    Keyspace(LongSupplier clock) {
        this.clock = clock;
    }

    long now() {
        return clock.getAsLong();
    }

    /** The live entry of {@code key}, or null when absent or expired (an expired one is removed). */
    Entry get(Key key) {
        Entry e = map.get(key);
        if (e != null && e.expireAt() != Entry.PERSISTENT && e.expiredAt(now())) {
            map.remove(key, e);
            return null;
        }
        return e;
    }

    /**
     * Stores {@code value} under {@code key} as SET does.
     *
     * @param expireAt epoch milliseconds, or {@link Entry#PERSISTENT}
     * @param flags    {@link #NX}, {@link #XX}, {@link #KEEP_TTL} or 0
     * @return false when NX or XX prevented it
     */
    boolean set(Key key, byte[] value, long expireAt, int flags) {
        if (flags == 0) {
            map.put(key.copy(), new Entry(value, expireAt));
            return true;
        }
        return update(key, value, expireAt, flags, true) != null;
    }

    /**
     * As {@link #set}, returning the live entry the key held just before, atomically, whether or not
     * NX / XX let the set happen (SET ... GET replies with it either way).
     *
     * @return the previous entry, or null when there was none
     */
    Entry getAndSet(Key key, byte[] value, long expireAt, int flags) {
        return update(key, value, expireAt, flags, false);
    }

    /** The set loop: returns the previous entry (or, when {@code reportSet}, non-null iff it stored). */
    private Entry update(Key key, byte[] value, long expireAt, int flags, boolean reportSet) {
        while (true) {
            Entry old = get(key);
            if ((flags & NX) != 0 && old != null || (flags & XX) != 0 && old == null) {
                return reportSet ? null : old;
            }
            long at = (flags & KEEP_TTL) != 0 && old != null ? old.expireAt() : expireAt;
            Entry stored = new Entry(value, at);
            if (swap(key, old, stored)) {
                return reportSet ? stored : old;
            }
        }
    }

    /**
     * Replaces the entry {@link #get} returned ({@code expected}, null for none) by {@code update},
     * unless another thread changed it meanwhile.
     *
     * @return false when the key changed since {@code expected} was read; read again and retry
     */
    boolean swap(Key key, Entry expected, Entry update) {
        if (expected != null) {
            return map.replace(key, expected, update);
        }
        Key stored = null;
        while (true) {
            Entry current = map.get(key);
            if (current == null) {
                stored = stored == null ? key.copy() : stored;
                current = map.putIfAbsent(stored, update);
                if (current == null) {
                    return true;
                }
            }
            if (!current.expiredAt(now())) {
                return false;
            }
            if (map.replace(key, current, update)) {
                return true;
            }
        }
    }

    /** Removes {@code key}; true when it existed and had not expired. */
    boolean delete(Key key) {
        Entry e = map.remove(key);
        return e != null && !e.expiredAt(now());
    }

    /** Removes {@code key} if its entry is still {@code expected}. */
    boolean delete(Key key, Entry expected) {
        return map.remove(key, expected);
    }

    /** Removes {@code key}'s time to live; true when it had one. */
    boolean persist(Key key) {
        while (true) {
            Entry e = get(key);
            if (e == null || e.expireAt() == Entry.PERSISTENT) {
                return false;
            }
            if (swap(key, e, new Entry(e.value(), Entry.PERSISTENT))) {
                return true;
            }
        }
    }

    /** Keys with a time to live, expired ones not yet reclaimed included (INFO's {@code expires}); O(keys). */
    long volatileKeys() {
        return map.values().stream().filter(e -> e.expireAt() != Entry.PERSISTENT).count();
    }

    /**
     * Calls {@code visitor} with every live key (weakly consistent, like the map's iterators: keys
     * present throughout are seen once; others may or may not be).
     */
    void forEachKey(Consumer<Key> visitor) {
        long now = now();
        map.forEach((k, e) -> {
            if (!e.expiredAt(now)) {
                visitor.accept(k);
            }
        });
    }

    /** Keys stored, counting expired ones not yet reclaimed (as Redis's DBSIZE does). */
    int size() {
        return map.size();
    }

    void clear() {
        map.clear();
    }

    /**
     * Looks at up to {@code budget} entries, resuming where the last call stopped, and removes the
     * expired ones. One thread at a time.
     *
     * @return how many were removed
     */
    int sweep(int budget) {
        long now = now();
        int removed = 0;
        boolean restarted = false;
        for (int seen = 0; seen < budget; seen++) {
            if (sweepCursor == null || !sweepCursor.hasNext()) {
                if (restarted) {
                    break; // every entry seen once in this call
                }
                restarted = true;
                sweepCursor = map.entrySet().iterator();
                if (!sweepCursor.hasNext()) {
                    break;
                }
            }
            Map.Entry<Key, Entry> e = sweepCursor.next();
            if (e.getValue().expiredAt(now) && map.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }
}
