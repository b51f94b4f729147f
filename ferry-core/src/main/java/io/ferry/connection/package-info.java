/**
 * The connection core every backend shares: {@link io.ferry.connection.SocketConnection} owns the
 * handler, the outbound queue, the watermarks, backpressure and the close sequence, and hears from its
 * backend through {@link io.ferry.spi.SocketEvents}. Internal; users see it as a
 * {@link io.ferry.net.Connection}.
 */
package io.ferry.connection;
