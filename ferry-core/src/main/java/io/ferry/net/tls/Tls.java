package io.ferry.net.tls;

import io.ferry.Ferry;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Puts TLS under a handler, on any backend:
 * <pre>{@code
 * TlsConfig tls = TlsConfig.server(Path.of("cert.pem"), Path.of("key.pem"));
 * ferry.listen(address, Tls.server(tls, conn -> new Handler() {
 *     public void onData(Connection c, Buf plaintext) { c.writeAndFlush(plaintext); }
 * }));
 * Tls.connect(ferry, address, TlsConfig.clientTrusting(Path.of("cert.pem")), clientHandler)
 *     .thenAccept(c -> ...); // after the handshake, on the connection's loop
 * }</pre>
 * The user's handler sees a {@link TlsConnection}: plaintext in {@code onData}, plaintext to {@code write}. Its
 * {@code onOpen} comes when the handshake has finished; a handshake that fails or times out skips it and goes
 * to {@code onClose} with the cause (an {@link javax.net.ssl.SSLException}).
 *
 * <p>Threads: any; the handlers run on their connection's loop.
 */
public final class Tls {
    private Tls() {
    }

    /**
     * Server side: each accepted connection handshakes as {@code config} says, then carries plaintext.
     *
     * @param config a server configuration
     * @param factory makes the handler of each connection, on its loop, before the handshake
     * @return the factory to give {@link Ferry#listen}
     */
    public static HandlerFactory server(TlsConfig config, HandlerFactory factory) {
        if (config.isClient()) {
            throw new IllegalArgumentException("a client configuration cannot serve: " + config);
        }
        config.prepare();
        return c -> TlsSession.server(config, factory);
    }

    /**
     * Client side: connects with no time limit but the kernel's, then handshakes within the configured timeout.
     *
     * @param ferry the runtime
     * @param remote the server
     * @param config a client configuration; the host name checked is {@code remote}'s unless it names one (over
     *     a Unix socket, which names no host, it must name one when it checks host names)
     * @param handler the connection's handler; {@code onOpen} comes after the handshake
     * @return completes, on the connection's loop, once the handshake has finished; fails with a
     *     {@link java.net.ConnectException} or an {@link javax.net.ssl.SSLException}
     */
    public static CompletableFuture<TlsConnection> connect(Ferry ferry, SocketAddress remote, TlsConfig config,
                                                           Handler handler) {
        return connect(ferry, remote, config, handler, Duration.ZERO);
    }

    /**
     * Client side, as {@link #connect(Ferry, SocketAddress, TlsConfig, Handler)} with a limit on the TCP
     * connect.
     *
     * @param ferry the runtime
     * @param remote the server
     * @param config a client configuration
     * @param handler the connection's handler
     * @param connectTimeout the limit on the TCP connect ({@link Duration#ZERO}: none but the kernel's)
     * @return completes once the handshake has finished
     */
    public static CompletableFuture<TlsConnection> connect(Ferry ferry, SocketAddress remote, TlsConfig config,
                                                           Handler handler, Duration connectTimeout) {
        if (!config.isClient()) {
            throw new IllegalArgumentException("a server configuration cannot connect: " + config);
        }
        config.prepare();
        CompletableFuture<TlsConnection> handshaken = new CompletableFuture<>();
        TlsSession session = TlsSession.client(config, remote, handler, handshaken);
        ferry.connect(remote, session, connectTimeout).whenComplete((c, e) -> {
            if (e != null) {
                handshaken.completeExceptionally(e);
            }
        });
        return handshaken;
    }
}
