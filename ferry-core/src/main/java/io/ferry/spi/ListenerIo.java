package io.ferry.spi;

import java.net.InetSocketAddress;

/** One loop's listening socket. Loop thread only. */
public interface ListenerIo {
    InetSocketAddress localAddress();

    /** Stops accepting and closes the socket; connections already accepted stay open. */
    void close();
}
