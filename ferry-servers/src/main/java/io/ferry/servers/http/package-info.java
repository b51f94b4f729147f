/**
 * The HTTP/1.1 server: keep-alive, pipelining, HTTP/1.0, Content-Length and chunked request bodies,
 * limits with the right status codes, and timeouts.
 *
 * <p>The protocol code is separate from the handler glue so another front end can reuse it:
 * {@link io.ferry.servers.http.HttpHeadParser} and {@link io.ferry.servers.http.BodyDecoder} read
 * requests out of {@link io.ferry.buffer.Buf}s without allocating, {@link io.ferry.servers.http.HttpRouter}
 * picks the route, and {@link io.ferry.servers.http.HttpResponses} writes responses into a
 * {@link io.ferry.buffer.BufWriter}. {@link io.ferry.servers.http.HttpHandler} ties them to a
 * {@link io.ferry.net.Connection}; {@link io.ferry.servers.http.HttpServer} is the handler factory.
 */
package io.ferry.servers.http;
