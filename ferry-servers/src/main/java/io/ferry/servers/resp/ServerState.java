package io.ferry.servers.resp;

import java.net.SocketAddress;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What every connection of one {@link RespServer} shares besides the {@link Keyspace}: the optional
 * password, the connected clients (for CLIENT LIST and INFO), and the counters INFO reports. Counters
 * are {@link LongAdder}s, so loops counting at once do not contend on one cache line.
 *
 * <p>Threads: any.
 */
final class ServerState {
    final Keyspace keyspace;
    /** Counted for INFO stats. */
    final LongAdder commands = new LongAdder();
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder connectionsReceived = new LongAdder();
    /** Clients reset for replies past their output limits (Redis's client_output_buffer_limit_disconnections). */
    final LongAdder outputLimitDisconnections = new LongAdder();
    private final byte[] password;
    private final long startMillis;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, Session> clients = new ConcurrentHashMap<>();

    /**
     * @param clock    epoch milliseconds
     * @param password what AUTH must present, or null for none (every connection starts authenticated)
     */
    ServerState(LongSupplier clock, byte[] password) {
        this.keyspace = new Keyspace(clock);
        this.password = password;
        this.startMillis = clock.getAsLong();
    }

    /** A session for a new connection (null addresses for none), registered until {@link #remove}. */
    Session open(SocketAddress addr, SocketAddress laddr) {
        Session s = new Session(ids.incrementAndGet(), addr, laddr, keyspace.now(), password == null);
        clients.put(s.id, s);
        connectionsReceived.increment();
        return s;
    }

    void remove(Session s) {
        clients.remove(s.id);
    }

    Session client(long id) {
        return clients.get(id);
    }

    Collection<Session> clients() {
        return clients.values();
    }

    boolean requiresPassword() {
        return password != null;
    }

    /** Whether {@code user} / {@code pass} may log in: the default user, with the password if one is set. */
    boolean accepts(Request req, int user, int pass) {
        if (user >= 0 && !req.isExactly(user, DEFAULT_USER)) {
            return false;
        }
        return password == null || req.isExactly(pass, password);
    }

    long uptimeMillis() {
        return keyspace.now() - startMillis;
    }

    private static final byte[] DEFAULT_USER = Replies.ascii("default");
}
