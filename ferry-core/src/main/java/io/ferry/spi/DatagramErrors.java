package io.ferry.spi;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;

/**
 * The one place datagram failures get their message, so every backend reports the same: the operation,
 * the local address and the peer, and a {@link PortUnreachableException} for a peer's ICMP port unreachable
 * (ECONNREFUSED on a connected socket) whichever way the backend learnt of it.
 */
public final class DatagramErrors {
    private DatagramErrors() {
    }

    /**
     * {@return the failure to report for {@code op} ("send" or "receive")}
     *
     * @param op the operation
     * @param local the socket's address
     * @param peer the connected peer or the destination, null when unknown
     * @param cause what the backend saw
     */
    public static IOException failed(String op, InetSocketAddress local, InetSocketAddress peer, IOException cause) {
        String where = "UDP " + op + " on " + local + (peer == null ? "" : " with " + peer);
        if (cause instanceof PortUnreachableException) {
            return portUnreachable(op, local, peer, cause);
        }
        return new IOException(where + " failed: " + cause.getMessage(), cause);
    }

    /**
     * {@return a {@link PortUnreachableException} naming {@code peer}}
     *
     * @param op the operation that learnt of it
     * @param local the socket's address
     * @param peer the connected peer
     * @param cause the backend's own exception, or null
     */
    public static PortUnreachableException portUnreachable(String op, InetSocketAddress local,
                                                           InetSocketAddress peer, Throwable cause) {
        PortUnreachableException e = new PortUnreachableException("UDP " + op + " on " + local
            + ": port unreachable at " + peer + " (ICMP, ECONNREFUSED): nothing listens there");
        e.initCause(cause);
        return e;
    }
}
