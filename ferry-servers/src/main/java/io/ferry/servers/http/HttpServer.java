package io.ferry.servers.http;

import io.ferry.loop.EventLoop;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP/1.1 server's {@link HandlerFactory}: {@code GET /plaintext}, {@code POST /echo} and
 * {@code GET /files/<name>} (from {@code root}, when given). Give it to {@code Ferry.listen}.
 *
 * <p>Threads: {@link #newHandler} runs on each connection's loop; the per-loop state it creates is
 * used only there.
 */
public final class HttpServer implements HandlerFactory {
    private final HttpLimits limits;
    private final FileSource files;
    private final Map<EventLoop, HttpLoop> loops = new ConcurrentHashMap<>();

    /**
     * @param root directory {@code /files} serves from (streamed through {@link FileSource}), or null to
     *     answer {@code /files} with 404
     */
    public HttpServer(HttpLimits limits, Path root) {
        this.limits = limits;
        this.files = root == null ? null : new FileSource(root);
    }

    /** Default limits. */
    public static HttpServer create(Path root) {
        return new HttpServer(HttpLimits.defaults(), root);
    }

    @Override
    public Handler newHandler(Connection connection) {
        EventLoop loop = connection.loop();
        HttpLoop http = loops.get(loop);
        if (http == null) {
            http = new HttpLoop(loop, limits, files);
            loops.put(loop, http);
        }
        return new HttpHandler(connection, http);
    }
}
