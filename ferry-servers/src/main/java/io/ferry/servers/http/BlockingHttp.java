package io.ferry.servers.http;

import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import io.ferry.net.blocking.SocketHandler;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The HTTP/1.1 server in straight-line style: give it to {@link FerryServer#bind} and each connection
 * runs on its own virtual thread, reading kernel-filled buffers with {@link FerrySocket#read()}. The
 * protocol (parsing, routing, limits, responses) is the handler-style server's own
 * {@link RequestReader}; only the connection glue differs. Same routes: {@code GET /plaintext},
 * {@code POST /echo} and {@code GET /files/<name>} (from {@code root}, when given).
 *
 * <p>Threads: {@link #serve} runs on each connection's virtual thread; the instance is shared and
 * immutable.
 */
public final class BlockingHttp implements SocketHandler {
    private final HttpLimits limits;
    private final FileSource files;
    private final HttpHeadParser parser;
    private final HttpRouter router = new HttpRouter();
    private final InputBudget budget;

    /**
     * @param root directory {@code /files} serves from (read through {@link FileSource}), or null to
     *     answer {@code /files} with 404
     */
    public BlockingHttp(HttpLimits limits, Path root) {
        this(limits, root == null ? null : new FileSource(root), new InputBudget(HttpServer.DEFAULT_INPUT_BUDGET));
    }

    private BlockingHttp(HttpLimits limits, FileSource files, InputBudget budget) {
        this.limits = limits;
        this.files = files;
        this.parser = new HttpHeadParser(limits);
        this.budget = budget;
    }

    /** Default limits. */
    public static BlockingHttp create(Path root) {
        return new BlockingHttp(HttpLimits.defaults(), root);
    }

    /**
     * {@return this server with another input budget} As {@link HttpServer#withInputBudget}: past the budget, a
     * request that needs more memory for its head or {@code /echo} body gets 503 with {@code Retry-After} (in
     * order, after the responses before it). Call before serving.
     *
     * @param bytes the most bytes all connections together may hold for unanswered input; positive
     * @throws IllegalArgumentException when {@code bytes} is not positive
     */
    public BlockingHttp withInputBudget(long bytes) {
        return new BlockingHttp(limits, files, new InputBudget(bytes));
    }

    @Override
    public void serve(FerrySocket socket) throws IOException {
        new BlockingHttpConnection(socket, limits, files, parser, router, budget).serve();
    }
}
