package io.ferry.net;

import java.net.InetSocketAddress;

/** A listening address served by one or more loops. Closing it stops accepting; open connections stay. */
public interface Listener extends AutoCloseable {
    /** {@return the bound address, with the real port when port 0 was asked for} */
    InetSocketAddress localAddress();

    /** Stops accepting; connections already open stay open. */
    @Override
    void close();
}
