package io.ferry.net.blocking;

import io.ferry.Ferry;
import io.ferry.net.HandlerFactory;
import io.ferry.net.Listener;
import io.ferry.net.SocketOptions;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsConfig;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * A listening address whose connections are served in straight-line style: the loops accept as
 * usual, and each accepted connection gets its own virtual thread running the {@link SocketHandler}
 * with a {@link FerrySocket}. The socket is closed when the handler returns.
 *
 * <p>That virtual thread is carried by the connection's own loop thread when the JDK allows it
 * ({@link io.ferry.Ferry#carriesVirtualThreads()}, which needs {@code --add-opens
 * java.base/java.lang=ALL-UNNAMED}): reads, writes and wake-ups then never cross threads, but a
 * handler must not block its carrier (blocking JDK file I/O, long computations: use {@code AsyncFile}
 * and hand heavy work to another executor). Otherwise the JDK's carrier pool runs it.
 *
 * <pre>{@code
 * try (FerryServer server = FerryServer.bind(ferry, new InetSocketAddress("127.0.0.1", 8080), socket -> {
 *     for (Buf b; (b = socket.read()) != null; ) {
 *         socket.write(b);
 *         socket.flush();
 *     }
 * })) { ... }
 * }</pre>
 *
 * <p>Threads: any. Closing stops accepting; connections already open keep their threads until their
 * handlers return, or until {@link Ferry#close()} closes them.
 */
public final class FerryServer implements AutoCloseable {
    private final Listener listener;

    private FerryServer(Listener listener) {
        this.listener = listener;
    }

    /**
     * Binds with {@code ferry}'s default socket options.
     *
     * @param ferry the runtime whose loops accept and carry the connections
     * @param address the address to listen on; port 0 picks a free port
     * @param handler run once per accepted connection, on its own virtual thread
     * @return the server, accepting
     * @throws IOException when the address cannot be bound; the message names it
     */
    public static FerryServer bind(Ferry ferry, SocketAddress address, SocketHandler handler) throws IOException {
        return bind(ferry, address, ferry.socketOptions(), handler);
    }

    /**
     * Binds {@code address}. The options' write watermarks also bound each connection's unread input:
     * reading pauses above the high watermark and resumes below the low one.
     *
     * @param ferry the runtime whose loops accept and carry the connections
     * @param address the address to listen on: an {@link java.net.InetSocketAddress} (port 0 picks a free port)
     *     or a {@link java.net.UnixDomainSocketAddress}, as for
     *     {@link Ferry#listen(SocketAddress, io.ferry.net.HandlerFactory)}
     * @param options the socket options of the listener and its connections
     * @param handler run once per accepted connection, on its own virtual thread
     * @return the server, accepting
     * @throws IOException when the address cannot be bound; the message names it
     */
    public static FerryServer bind(Ferry ferry, SocketAddress address, SocketOptions options,
                                   SocketHandler handler) throws IOException {
        return bind(ferry, address, options, null, handler);
    }

    /**
     * Binds {@code address} as {@link #bind(Ferry, SocketAddress, SocketOptions, SocketHandler)} does, with
     * TLS when {@code tls} is given: each connection handshakes on its loop, and the handler's socket reads and
     * writes plaintext. A connection whose handshake fails never reaches the handler.
     *
     * @param ferry the runtime whose loops accept and carry the connections
     * @param address the address to listen on; port 0 picks a free port
     * @param options the socket options of the listener and its connections
     * @param tls a server configuration, or null for plain TCP
     * @param handler run once per connection, on its own virtual thread, after the handshake
     * @return the server, accepting
     * @throws IOException when the address cannot be bound; the message names it
     */
    public static FerryServer bind(Ferry ferry, SocketAddress address, SocketOptions options, TlsConfig tls,
                                   SocketHandler handler) throws IOException {
        long low = options.writeLowWatermark();
        long high = options.writeHighWatermark();
        HandlerFactory bridges = c -> new SocketBridge(low, high, handler);
        return new FerryServer(ferry.listen(address, options, tls == null ? bridges : Tls.server(tls, bridges)));
    }

    /** {@return the bound address, as {@link Listener#localAddress()} tells it} */
    public SocketAddress localAddress() {
        return listener.localAddress();
    }

    /** Stops accepting; open connections keep running. */
    @Override
    public void close() {
        listener.close();
    }
}
