package io.ferry.net.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stream transports the conformance suite runs over: TCP on loopback and Unix domain sockets in a fresh
 * temporary directory. Clients are blocking {@link SocketChannel}s, which speak both.
 */
enum Transport {
    TCP,
    UNIX;

    /** {@return where a fixture listens: an ephemeral loopback port, or a socket file in {@code dir}} */
    SocketAddress listenAddress(Path dir) {
        return this == TCP ? new InetSocketAddress("127.0.0.1", 0) : UnixDomainSocketAddress.of(dir.resolve("s"));
    }

    /** {@return a fresh directory for Unix socket files, short enough for sun_path} */
    static Path tempDir() {
        try {
            return Files.createTempDirectory(Path.of("/tmp"), "ferry-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return an unconnected blocking client channel of {@code server}'s family, to set options on first} */
    static SocketChannel unconnected(SocketAddress server) throws IOException {
        return SocketChannel.open(server instanceof UnixDomainSocketAddress ? StandardProtocolFamily.UNIX
            : StandardProtocolFamily.INET);
    }

    /** Closes {@code ch} abortively: RST over TCP; a Unix socket has none, and just closes. */
    static void reset(SocketChannel ch) throws IOException {
        if (ch.supportedOptions().contains(StandardSocketOptions.SO_LINGER)) {
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
        ch.close();
    }
}
