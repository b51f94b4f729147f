package io.ferry.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A TCP connection, accepted or connected, was handed to its handler; the event thread is its loop. */
@Name("io.ferry.ConnectionOpened")
@Label("Connection Opened")
@Category({"Ferry", "Connection"})
@Description("A TCP connection started on a Ferry loop (the event thread)")
@StackTrace(false)
public final class ConnectionOpenedEvent extends Event {
    private static final ConnectionOpenedEvent PROBE = new ConnectionOpenedEvent();

    @Label("Remote Address")
    String remote;

    @Label("Local Address")
    String local;

    /**
     * {@return whether a recording wants this event} Callers check it first, so that the addresses (a system
     * call each, the first time) are looked up only for a recording.
     */
    public static boolean enabled() {
        return PROBE.isEnabled();
    }

    /**
     * Records an opened connection; call when {@link #enabled()}.
     *
     * @param remote the peer's address, or null when unknown
     * @param local this end's address, or null when unknown
     */
    public static void emit(Object remote, Object local) {
        ConnectionOpenedEvent e = new ConnectionOpenedEvent();
        e.remote = String.valueOf(remote);
        e.local = String.valueOf(local);
        e.commit();
    }
}
