package io.ferry.servers.resp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * One connection's state as Redis keeps it per client: its id, protocol (2 or 3), name, library
 * (CLIENT SETINFO), whether it has authenticated, and what CLIENT LIST shows. Written by the
 * connection's loop thread; CLIENT LIST on another connection reads the volatile fields from its own
 * loop, so a listing is a consistent-enough snapshot of each field, as in Redis.
 *
 * <p>Threads: the owning connection's loop writes; any thread reads.
 */
final class Session {
    final long id;
    /**
     * Peer and local address, or null when unknown: kept as the connection's own objects and put in words only
     * for the rare CLIENT LIST, CLIENT KILL or INFO, so an idle client holds no strings for them (issue 17).
     */
    private final SocketAddress peer;
    private final SocketAddress local;
    final long createdMillis;
    volatile boolean resp3;
    volatile boolean authenticated;
    volatile String name = "";
    volatile String libName = "";
    volatile String libVersion = "";
    volatile long lastMillis;
    /** The last command's name, lower case (with its subcommand as Redis shows it, e.g. client|list). */
    volatile String lastCommand = "NULL";
    /** Commands queued by MULTI, or -1 outside a transaction. */
    volatile int multi = -1;
    /** Set by CLIENT KILL from any thread; the owning loop closes the connection. */
    volatile Runnable killer = () -> { };
    /**
     * Set by CLIENT KILL before it answers, on the killer's thread: the owning loop executes no command after
     * seeing it, so once the kill is answered the victim runs nothing more, whatever its loop was doing.
     */
    volatile boolean killed;

    Session(long id, SocketAddress peer, SocketAddress local, long nowMillis, boolean authenticated) {
        this.id = id;
        this.peer = peer;
        this.local = local;
        this.createdMillis = nowMillis;
        this.lastMillis = nowMillis;
        this.authenticated = authenticated;
    }

    /** CLIENT KILL, from any thread: no command of this client runs from now on, and its loop closes it. */
    void kill() {
        killed = true;
        killer.run();
    }

    /** {@return the peer's address as {@code ip:port}, as CLIENT LIST shows it; empty when unknown} */
    String addr() {
        return text(peer);
    }

    /** {@return this end's address as {@code ip:port}; empty when unknown} */
    String laddr() {
        return text(local);
    }

    private static String text(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix.getPath() + ":0";
        }
        if (!(address instanceof InetSocketAddress a)) {
            return "";
        }
        return (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort();
    }

    /** One line of CLIENT LIST / CLIENT INFO, in Redis 7's field order (memory figures are not tracked: 0). */
    String describe(long nowMillis) {
        return "id=" + id + " addr=" + addr() + " laddr=" + laddr() + " fd=-1 name=" + name
            + " age=" + (nowMillis - createdMillis) / 1000 + " idle=" + (nowMillis - lastMillis) / 1000
            + " flags=" + (multi >= 0 ? "x" : "N") + " db=0 sub=0 psub=0 ssub=0 multi=" + multi
            + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r"
            + " cmd=" + lastCommand + " user=default redir=-1 resp=" + (resp3 ? 3 : 2)
            + " lib-name=" + libName + " lib-ver=" + libVersion + "\n";
    }
}
