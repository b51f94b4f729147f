package io.ferry.spi;

import java.net.SocketAddress;

/** One loop's listening socket. Loop thread only. */
public interface ListenerIo {
    /** {@return the bound address (with the real port when port 0 was asked for)} */
    SocketAddress localAddress();

    /** Stops accepting and closes the socket; connections already accepted stay open. */
    void close();
}
