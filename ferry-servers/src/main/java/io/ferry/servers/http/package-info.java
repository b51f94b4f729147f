/**
 * The HTTP/1.1 server: keep-alive, pipelining, HTTP/1.0 (with {@code Connection: keep-alive}), Content-Length
 * and chunked request bodies, {@code Expect: 100-continue}, every request-target form (an absolute-form target is
 * routed by its path, {@code OPTIONS *} is answered, CONNECT is 501), Date, Server and Content-Type on every
 * response, limits with the right status codes, and timeouts.
 *
 * <p>The protocol code is separate from the handler glue so another front end can reuse it:
 * {@link io.ferry.servers.http.HttpHeadParser} and {@link io.ferry.servers.http.BodyDecoder} read
 * requests out of {@link io.ferry.buffer.Buf}s without allocating, {@link io.ferry.servers.http.HttpRouter}
 * picks the route, and {@link io.ferry.servers.http.HttpResponses} writes responses into a
 * buffer. {@link io.ferry.servers.http.RequestReader} runs one connection's requests through them and
 * hands each answer to its front end: {@link io.ferry.servers.http.HttpHandler} ties it to a
 * {@link io.ferry.net.Connection} ({@link io.ferry.servers.http.HttpServer} is the handler factory), and
 * {@link io.ferry.servers.http.BlockingHttpConnection} to a virtual thread's
 * {@link io.ferry.net.blocking.FerrySocket} ({@link io.ferry.servers.http.BlockingHttp}, for
 * {@code --style blocking}). {@link io.ferry.servers.http.FileSource} opens {@code /files} through the
 * asynchronous file API.
 */
package io.ferry.servers.http;
