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
    /**
     * The default {@link #withInputBudget input budget}: 256 MiB. It holds 16,384 request heads that straddle
     * reads (one 16 KiB pool buffer each), or 256 bodies at the default 1 MiB body limit, far more than a busy
     * server holds at once (whole requests need none of it), and stays well under the 1 GiB of fixed-size
     * buffers one loop's pool may grow to, so a flood is refused with 503 before any pool runs dry.
     */
    public static final long DEFAULT_INPUT_BUDGET = 256L * 1024 * 1024;
    private final HttpLimits limits;
    private final FileSource files;
    private final InputBudget budget;
    private final Map<EventLoop, HttpLoop> loops = new ConcurrentHashMap<>();

    /**
     * @param root directory {@code /files} serves from (streamed through {@link FileSource}), or null to
     *     answer {@code /files} with 404
     */
    public HttpServer(HttpLimits limits, Path root) {
        this(limits, root == null ? null : new FileSource(root), new InputBudget(DEFAULT_INPUT_BUDGET));
    }

    private HttpServer(HttpLimits limits, FileSource files, InputBudget budget) {
        this.limits = limits;
        this.files = files;
        this.budget = budget;
    }

    /** Default limits. */
    public static HttpServer create(Path root) {
        return new HttpServer(HttpLimits.defaults(), root);
    }

    /**
     * {@return this server with another input budget} The budget bounds the memory all connections together
     * hold for input received and not yet answered: request heads that straddle reads and {@code /echo} bodies
     * as they arrive, counted in the pool buffers that hold them. A connection takes its share before it
     * acquires such a buffer, so the budget is never exceeded. When the budget is spent, the request that needs
     * more is refused with {@code 503 Service Unavailable}, {@code Retry-After: 1} and {@code Connection: close}
     * (a connection that still owes earlier responses, and so cannot answer in order, is reset instead). Requests
     * that arrive whole in one read need no budget and are served as usual. Call before serving.
     *
     * <p>Why refuse rather than pause reading: the bytes in hand when a connection would pause are already
     * received, and keeping them means either holding more memory than the budget or pinning a kernel receive
     * buffer (an io_uring ring has few); and connections paused while holding budget wait for each other until
     * their timeouts, taking every client that needs memory down with them. A 503 frees the memory at once and
     * tells the client when to come back.
     *
     * @param bytes the most bytes all connections together may hold for unanswered input; positive
     * @throws IllegalArgumentException when {@code bytes} is not positive
     */
    public HttpServer withInputBudget(long bytes) {
        return new HttpServer(limits, files, new InputBudget(bytes));
    }

    @Override
    public Handler newHandler(Connection connection) {
        EventLoop loop = connection.loop();
        HttpLoop http = loops.get(loop);
        if (http == null) {
            http = new HttpLoop(loop, limits, files, budget);
            loops.put(loop, http);
        }
        return new HttpHandler(connection, http);
    }
}
