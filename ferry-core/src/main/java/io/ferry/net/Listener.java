package io.ferry.net;

import java.net.SocketAddress;

/** A listening address served by one or more loops. Closing it stops accepting; open connections stay. */
public interface Listener extends AutoCloseable {
    /**
     * {@return the bound address: an {@link java.net.InetSocketAddress} with the real port when port 0 was asked
     * for, or the {@link java.net.UnixDomainSocketAddress} listened on}
     */
    SocketAddress localAddress();

    /** Stops accepting; connections already open stay open. */
    @Override
    void close();
}
