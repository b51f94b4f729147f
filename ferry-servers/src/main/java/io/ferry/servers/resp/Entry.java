package io.ferry.servers.resp;

/**
 * One value of the {@link Keyspace}: immutable, so readers on any loop see a consistent value and
 * expiry, and writers replace whole entries with compare-and-set. Equality is identity, which is
 * what those compare-and-sets need.
 *
 * @param value    the string value (never modified once stored)
 * @param expireAt when the key expires, in epoch milliseconds; {@link #PERSISTENT} for never
 */
record Entry(byte[] value, long expireAt) {
    static final long PERSISTENT = 0;

    boolean expiredAt(long nowMillis) {
        return expireAt != PERSISTENT && expireAt <= nowMillis;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "Entry[" + value.length + " bytes, expireAt=" + expireAt + "]";
    }
}
