package io.ferry.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A TCP connection ended and its buffers went home; the event thread is its loop. */
@Name("io.ferry.ConnectionClosed")
@Label("Connection Closed")
@Category({"Ferry", "Connection"})
@Description("A TCP connection on a Ferry loop (the event thread) closed, with what broke it if it did not end "
    + "in order")
@StackTrace(false)
public final class ConnectionClosedEvent extends Event {
    private static final ConnectionClosedEvent PROBE = new ConnectionClosedEvent();

    @Label("Remote Address")
    String remote;

    @Label("Cause")
    @Description("Empty for an orderly close, else the error that ended the connection (a reset, a timeout, "
        + "a failed callback)")
    String cause;

    /**
     * {@return whether a recording wants this event} Callers check it first, so that the addresses (a system
     * call each, the first time) are looked up only for a recording.
     */
    public static boolean enabled() {
        return PROBE.isEnabled();
    }

    /**
     * Records a closed connection; call when {@link #enabled()}.
     *
     * @param remote the peer's address, or null when unknown
     * @param cause null for an orderly close, else what broke it
     */
    public static void emit(Object remote, Throwable cause) {
        ConnectionClosedEvent e = new ConnectionClosedEvent();
        e.remote = String.valueOf(remote);
        e.cause = cause == null ? "" : cause.toString();
        e.commit();
    }
}
