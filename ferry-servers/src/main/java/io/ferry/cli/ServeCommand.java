package io.ferry.cli;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.net.HandlerFactory;
import io.ferry.net.Listener;
import io.ferry.servers.echo.EchoHandler;
import io.ferry.servers.http.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry serve NAME}: runs a server until SIGINT or SIGTERM, then shuts down in order (stop
 * accepting, flush, close). Prints exactly one line on stdout once it accepts connections:
 * {@code listening on HOST:PORT backend=NAME}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run a server: echo or http.")
public final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Which server: echo or http.")
    private String name;

    @Option(names = "--backend", defaultValue = "auto",
        description = "auto, uring, epoll or nio (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--loops", description = "Event loops (default: one per core).")
    private Integer loops;

    @Option(names = "--root", paramLabel = "DIR",
        description = "Directory the http server's GET /files/<name> serves (default: none, 404).")
    private Path root;

    @Override
    public Integer call() throws Exception {
        if (root != null && !java.nio.file.Files.isDirectory(root)) {
            System.err.println("ferry: --root " + root + " is not a directory");
            return 2;
        }
        HandlerFactory factory = switch (name) {
            case "echo" -> c -> EchoHandler.INSTANCE;
            case "http" -> HttpServer.create(root);
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "unknown server '" + name + "': choose echo or http");
        };
        Ferry.Builder builder = Ferry.builder().backend(BackendKind.parse(backend));
        if (loops != null) {
            builder.loops(loops);
        }
        Ferry ferry;
        try {
            ferry = builder.build();
        } catch (UnsupportedOperationException e) {
            System.err.println("ferry: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ferry.close();
            stopped.countDown();
        }, "ferry-shutdown"));
        Listener listener = ferry.listen(new InetSocketAddress(host, port), factory);
        InetSocketAddress at = listener.localAddress();
        System.out.println("listening on " + at.getHostString() + ":" + at.getPort() + " backend="
            + ferry.backend().kind().label());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
