package io.ferry.servers.resp;

import io.ferry.buffer.Buf;
import java.util.Arrays;

/**
 * A key of the {@link Keyspace}: bytes compared by content. Stored keys are immutable copies; a
 * lookup uses a mutable probe that each connection re-points at the key bytes of a request
 * ({@link #probe}), so GET allocates nothing. Probe and stored keys are the same class with the same
 * {@code equals}, which keeps equality symmetric inside {@code ConcurrentHashMap}; a probe is only
 * ever passed to lookups and conditional replace/remove, which never store their key argument.
 *
 * <p>Comparable, so that hash-flooded map bins degrade to trees rather than lists.
 *
 * <p>Threads: a stored key is immutable and shared; a probe belongs to one connection's loop thread.
 */
final class Key implements Comparable<Key> {
    private byte[] bytes;
    private int length;
    private int hash;

    private Key(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
        this.hash = hash(bytes, length);
    }

    /** A reusable probe (empty until {@link #probe}). */
    static Key newProbe() {
        return new Key(new byte[32], 0);
    }

    /** An immutable key holding {@code bytes} (not copied: the caller hands them over). */
    static Key of(byte[] bytes) {
        return new Key(bytes, bytes.length);
    }

    /** Re-points this probe at request argument {@code arg}: copies its bytes into the probe's scratch. */
    Key probe(Request req, int arg) {
        int n = req.length(arg);
        if (bytes.length < n) {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        Buf buf = req.buf();
        buf.getBytes(req.index(arg), bytes, 0, n);
        length = n;
        hash = hash(bytes, n);
        return this;
    }

    /** An immutable copy of this key's bytes, to store. */
    Key copy() {
        return new Key(Arrays.copyOf(bytes, length), length);
    }

    /** The key's bytes: the first {@link #length()} of this array. Not to be modified. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** A well-mixed 32-bit hash (murmur3's finaliser over {@link #hashCode()}), stable for the key's life. */
    int mixedHash() {
        int h = hash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }

    private static int hash(byte[] b, int n) {
        int h = 1;
        for (int i = 0; i < n; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && k.hash == hash && Arrays.equals(bytes, 0, length, k.bytes, 0, k.length);
    }

    @Override
    public int compareTo(Key o) {
        return Arrays.compareUnsigned(bytes, 0, length, o.bytes, 0, o.length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
