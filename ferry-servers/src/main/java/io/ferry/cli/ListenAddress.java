package io.ferry.cli;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where {@code ferry serve} listens: {@code --host}/{@code --port}, or a Unix domain socket with {@code --unix PATH}
 * (a path starting with '@' is Linux's abstract namespace), and how the "listening on" line names it.
 */
final class ListenAddress {
    private ListenAddress() {
    }

    /** {@return the Unix socket at {@code unix} when given, else {@code host:port}} */
    static SocketAddress of(String host, int port, Path unix) {
        return unix != null ? UnixDomainSocketAddress.of(unix) : new InetSocketAddress(host, port);
    }

    /** {@return {@code HOST:PORT}, or {@code unix:PATH} for a Unix domain socket} */
    static String describe(SocketAddress at) {
        if (at instanceof UnixDomainSocketAddress unix) {
            return "unix:" + unix.getPath();
        }
        InetSocketAddress inet = (InetSocketAddress) at;
        return inet.getHostString() + ":" + inet.getPort();
    }
}
