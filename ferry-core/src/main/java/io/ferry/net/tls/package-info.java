/**
 * TLS over any Ferry connection, on the JDK's {@link javax.net.ssl.SSLEngine} or the system's OpenSSL 3
 * ({@link io.ferry.net.tls.TlsProvider}): {@link io.ferry.net.tls.Tls} wraps a
 * {@link io.ferry.net.HandlerFactory} (server side) or a {@link io.ferry.net.Handler} (client side) so that the
 * user's handler sees a {@link io.ferry.net.tls.TlsConnection} carrying plaintext, on every backend.
 * {@link io.ferry.net.tls.TlsConfig} says which certificates, protocols, ALPN names and timeouts apply.
 *
 * <p>Records are unwrapped from and wrapped into pool buffers; the handshake runs on the connection's loop and
 * the engine's delegated tasks on a virtual thread, after which the loop resumes it. Both providers sit behind
 * one package-private record engine interface with primitive results; the OpenSSL one passes the pool buffers'
 * native addresses to {@code SSL_read}/{@code SSL_write} and memory BIOs, so its records allocate nothing.
 */
package io.ferry.net.tls;
