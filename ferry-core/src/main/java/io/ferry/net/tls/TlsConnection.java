package io.ferry.net.tls;

import io.ferry.net.Connection;
import javax.net.ssl.SSLSession;

/**
 * A {@link Connection} carrying TLS: {@link #write} takes plaintext and {@code onData} delivers plaintext; the
 * records go over the connection underneath. It exists from the moment the TCP connection opens; its handler's
 * {@code onOpen} comes once the handshake has finished.
 *
 * <p>Threads: as {@link Connection}, the connection's loop only (the getters from any thread).
 * {@link #close()} sends {@code close_notify} before closing; {@link #shutdownOutput()} sends it and then FIN.
 */
public interface TlsConnection extends Connection {
    /**
     * {@return the session negotiated by the handshake, or the one in progress before it ends} With
     * {@link TlsProvider#OPENSSL} it is a snapshot taken when the handshake finished (protocol, IANA cipher suite
     * name, peer certificates), readable after the connection has closed; sessions are not resumed.
     */
    SSLSession session();

    /** {@return the protocol ALPN agreed on (e.g. {@code "h2"}), or null when none was} */
    String applicationProtocol();

    /** {@return the host name the client asked for with SNI, or null (server side, or none was sent)} */
    String requestedServerName();

    /** {@return true once the handshake has finished} */
    boolean isHandshakeComplete();
}
