package io.ferry.connection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** How error messages name a connection's peer, whatever its address family. */
final class Peers {
    private Peers() {
    }

    /** {@code host:port}, {@code unix:PATH}, or a phrase when there is no name to give. */
    static String describe(SocketAddress peer) {
        if (peer instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        if (peer instanceof UnixDomainSocketAddress unix) {
            String path = unix.getPath().toString();
            return path.isEmpty() ? "an unnamed Unix socket peer" : "unix:" + path;
        }
        return "an unconnected peer";
    }
}
