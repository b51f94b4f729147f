/**
 * TLS over any Ferry connection, on {@link javax.net.ssl.SSLEngine}: {@link io.ferry.net.tls.Tls} wraps a
 * {@link io.ferry.net.HandlerFactory} (server side) or a {@link io.ferry.net.Handler} (client side) so that the
 * user's handler sees a {@link io.ferry.net.tls.TlsConnection} carrying plaintext, on every backend.
 * {@link io.ferry.net.tls.TlsConfig} says which certificates, protocols, ALPN names and timeouts apply.
 *
 * <p>Records are unwrapped from and wrapped into pool buffers; the handshake runs on the connection's loop and
 * the engine's delegated tasks on a virtual thread, after which the loop resumes it.
 */
package io.ferry.net.tls;
