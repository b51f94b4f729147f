package io.ferry;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Tells whether a port already has a listener before the loops bind it. The loops' own listening
 * sockets carry SO_REUSEPORT (one per loop, the kernel spreads connections), which would also let them
 * join a listener that is already there, another runtime's or another process's, and silently take part
 * of its traffic. A socket without SO_REUSEPORT cannot bind a port that has a listener, so binding one
 * for an instant answers the question. The probe is a plain TCP socket, bound but never listening or
 * connecting, so no client can reach it.
 *
 * <p>Note: a listener that appears between the probe and the bind is not seen; the window is one bind.
 */
final class PortProbe {
    private PortProbe() {
    }

    /** Throws when {@code address} (a fixed port) already has a listener; an ephemeral port always passes. */
    static void refuseIfListening(InetSocketAddress address) throws BindException {
        if (address.getPort() == 0 || address.isUnresolved()) {
            return;
        }
        try (Socket probe = new Socket()) {
            probe.setReuseAddress(true); // sockets in TIME_WAIT do not count, as for the real bind
            probe.bind(address);
        } catch (BindException e) {
            throw new BindException("listen on " + address + " failed: address already in use (another listener"
                + " has the port; SocketOptions.withSharedPort(true) shares it on purpose)");
        } catch (IOException e) {
            // not a conflict (say, an address not on this machine): the real bind reports it
        }
    }
}
