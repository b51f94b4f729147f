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

    /**
     * @param root directory {@code /files} serves from (read through {@link FileSource}), or null to
     *     answer {@code /files} with 404
     */
    public BlockingHttp(HttpLimits limits, Path root) {
        this.limits = limits;
        this.files = root == null ? null : new FileSource(root);
        this.parser = new HttpHeadParser(limits);
    }

    /** Default limits. */
    public static BlockingHttp create(Path root) {
        return new BlockingHttp(HttpLimits.defaults(), root);
    }

    @Override
    public void serve(FerrySocket socket) throws IOException {
        new BlockingHttpConnection(socket, limits, files, parser, router).serve();
    }
}
