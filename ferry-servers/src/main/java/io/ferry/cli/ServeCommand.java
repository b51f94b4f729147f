package io.ferry.cli;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.backend.UringReceiveStrategy;
import io.ferry.net.HandlerFactory;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.SocketHandler;
import io.ferry.net.tls.TlsConfig;
import io.ferry.servers.echo.BlockingEcho;
import io.ferry.servers.echo.EchoHandler;
import io.ferry.servers.echo.UdpEcho;
import io.ferry.servers.http.BlockingHttp;
import io.ferry.servers.http.HttpLimits;
import io.ferry.servers.http.HttpServer;
import io.ferry.servers.resp.RespServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry serve NAME}: runs a server until SIGINT or SIGTERM, then shuts down in order (stop
 * accepting, flush, close). Prints exactly one line on stdout once it accepts connections:
 * {@code listening on HOST:PORT backend=NAME}, or {@code listening on unix:PATH backend=NAME} with {@code --unix}.
 *
 * <p>{@code --style handler} (the default) serves with loop callbacks; {@code --style blocking} with
 * one virtual thread per connection over the same loops ({@link FerryServer}). {@code echo --udp} serves
 * datagrams instead ({@link UdpEcho}); the line then names the UDP port.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run a server: echo or http (--style handler|blocking), or resp (Redis protocol).")
public final class ServeCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Which server: echo, http or resp.")
    private String name;

    @Option(names = "--backend", defaultValue = "auto",
        description = "auto, uring, epoll or nio (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--uring-receive", paramLabel = "STRATEGY",
        description = "io_uring receive strategy: provided_ring (default), incremental_ring, per_connection or "
            + "probe_then_read; ignored on epoll and nio. `ferry probe` lists what this kernel supports.")
    private String uringReceive;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--unix", paramLabel = "PATH",
        description = "Listen on this Unix domain socket instead of --host/--port ('@NAME': Linux's abstract "
            + "namespace, uring and epoll only); a stale socket file is replaced, and removed again on exit.")
    private Path unix;

    @Option(names = "--loops", description = "Event loops (default: one per core).")
    private Integer loops;

    @Option(names = "--max-bulk", defaultValue = "536870912",
        description = "resp: largest bulk string a request may carry, in bytes (default: ${DEFAULT-VALUE}).")
    private long maxBulk;

    @Option(names = "--max-args", defaultValue = "1048576",
        description = "resp: most arguments one command may declare (default: ${DEFAULT-VALUE}).")
    private int maxArgs;

    @Option(names = "--query-buffer-limit", paramLabel = "BYTES",
        description = "resp: most bytes of incomplete command input held per client, as Redis's "
            + "client-query-buffer-limit (default: 1 GiB, or the max bulk length plus 1 KiB when larger).")
    private Long queryBufferLimit;

    @Option(names = "--output-buffer-limit", paramLabel = "BYTES",
        defaultValue = "" + RespServer.DEFAULT_OUTPUT_HARD_LIMIT,
        description = "resp: most bytes of replies queued for a client that does not take them; past it the client "
            + "is disconnected at once, as Redis's client-output-buffer-limit hard limit; 0 for none "
            + "(default: ${DEFAULT-VALUE}).")
    private long outputBufferLimit;

    @Option(names = "--output-buffer-soft-limit", paramLabel = "BYTES",
        defaultValue = "" + RespServer.DEFAULT_OUTPUT_SOFT_LIMIT,
        description = "resp: a client whose queued replies stay over this for --output-buffer-soft-seconds is "
            + "disconnected; 0 for none (default: ${DEFAULT-VALUE}).")
    private long outputBufferSoftLimit;

    @Option(names = "--output-buffer-soft-seconds", paramLabel = "SECONDS",
        defaultValue = "" + RespServer.DEFAULT_OUTPUT_SOFT_SECONDS,
        description = "resp: how long a client may stay over the soft limit (default: ${DEFAULT-VALUE}).")
    private long outputBufferSoftSeconds;

    @Option(names = "--requirepass", paramLabel = "PASSWORD",
        description = "resp: clients must AUTH with this password first, as with Redis's requirepass "
            + "(default: none).")
    private String requirePassword;

    @Option(names = "--input-budget", paramLabel = "BYTES", defaultValue = "" + HttpServer.DEFAULT_INPUT_BUDGET,
        description = "http: most bytes all connections together may hold for requests received and not yet "
            + "answered (heads split across reads, /echo bodies); past it such a request gets 503 with Retry-After "
            + "(default: ${DEFAULT-VALUE}, 256 MiB).")
    private long inputBudget;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576",
        description = "http: the largest request body accepted; a larger one gets 413 at once, before the client "
            + "sends it when it asked with Expect: 100-continue (default: ${DEFAULT-VALUE}, 1 MiB).")
    private long maxBody;

    @Option(names = "--root", paramLabel = "DIR",
        description = "Directory the http server's GET /files/<name> serves (default: none, 404).")
    private Path root;

    @Option(names = "--style", defaultValue = "handler",
        description = "handler (loop callbacks) or blocking (a virtual thread per connection) "
            + "(default: ${DEFAULT-VALUE}).")
    private String style;

    @Option(names = "--udp",
        description = "echo: serve UDP datagrams (each sent back to its sender) instead of TCP connections.")
    private boolean udp;

    @picocli.CommandLine.Mixin
    private TlsOptions tlsOptions = new TlsOptions();

    @Option(names = "--stats", arity = "0..1", fallbackValue = "5", paramLabel = "SECONDS",
        description = "Print one line of runtime stats every SECONDS (default when given: 5).")
    private Integer statsSeconds;

    @Override
    public Integer call() throws Exception {
        if (root != null && !Files.isDirectory(root)) {
            throw bad("--root " + root + " is not a directory");
        }
        if (!style.equals("handler") && !style.equals("blocking")) {
            throw unknown("style '" + style + "': choose handler or blocking");
        }
        if (port < 0 || port > 65_535) {
            throw bad("--port " + port + " is out of range (0-65535; 0 picks a free one)");
        }
        if (statsSeconds != null && statsSeconds < 1) {
            throw bad("--stats must be at least 1 second, was " + statsSeconds);
        }
        if (loops != null && loops < 1) {
            throw bad("--loops must be at least 1, was " + loops);
        }
        BackendKind kind;
        try {
            kind = BackendKind.parse(backend);
        } catch (IllegalArgumentException e) {
            throw bad("--backend: " + e.getMessage());
        }
        if (udp && !name.equals("echo")) {
            throw unknown("server '" + name + "' over UDP: only echo serves datagrams");
        }
        if (udp && unix != null) {
            throw bad("--udp with --unix: datagrams are served over UDP only, not on a Unix socket");
        }
        if (udp && tlsOptions.requested()) {
            throw bad("--udp with --tls: datagrams are not encrypted (there is no DTLS)");
        }
        TlsConfig tls;
        try {
            tls = tlsOptions.config(System.err);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        HandlerFactory factory = !udp && style.equals("handler") ? TlsOptions.wrap(tls, handlerFactory()) : null;
        SocketHandler blocking = !udp && style.equals("blocking") ? socketHandler() : null;
        Ferry.Builder builder = Ferry.builder().backend(kind);
        if (loops != null) {
            builder.loops(loops);
        }
        if (uringReceive != null) {
            try {
                builder.uringReceive(UringReceiveStrategy.parse(uringReceive));
            } catch (IllegalArgumentException e) {
                throw bad("--uring-receive: " + e.getMessage());
            }
        }
        Ferry ferry;
        try {
            ferry = builder.build();
        } catch (UnsupportedOperationException | IOException e) { // IOException: a receive strategy this kernel lacks
            System.err.println("ferry: " + e.getMessage());
            return 2;
        }
        SocketAddress address = ListenAddress.of(host, port, unix);
        SocketAddress at;
        try {
            at = udp ? UdpEcho.start(ferry, (InetSocketAddress) address, style.equals("blocking"))
                : factory != null ? ferry.listen(address, factory).localAddress()
                : FerryServer.bind(ferry, address, ferry.socketOptions(), tls, blocking).localAddress();
        } catch (IOException e) {
            ferry.close();
            System.err.println("ferry: cannot listen on " + ListenAddress.describe(address) + ": " + e.getMessage());
            return 1;
        } catch (UnsupportedOperationException e) {
            ferry.close();
            System.err.println("ferry: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ferry.close();
            stopped.countDown();
        }, "ferry-shutdown"));
        if (style.equals("blocking")) {
            System.err.println("ferry: " + (Ferry.carriesVirtualThreads()
                ? "each connection's virtual thread is carried by its event loop"
                : Ferry.virtualThreadCarrierUnavailableReason()));
        }
        if (statsSeconds != null) {
            StatsPrinter.start(ferry, statsSeconds, System.out); // before the port is announced: no connection missed
        }
        System.out.println("listening on " + ListenAddress.describe(at) + " backend="
            + ferry.backend().label());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The loop-callback server called {@code name}. */
    private HandlerFactory handlerFactory() {
        return switch (name) {
            case "echo" -> c -> EchoHandler.INSTANCE;
            case "http" -> httpServer();
            case "resp" -> respServer();
            default -> throw unknown("server '" + name + "': choose echo, http or resp");
        };
    }

    /** The virtual-thread server called {@code name}. */
    private SocketHandler socketHandler() {
        return switch (name) {
            case "echo" -> BlockingEcho.INSTANCE;
            case "http" -> blockingHttp();
            default -> throw unknown("server '" + name + "' in blocking style: choose echo or http");
        };
    }

    private HttpServer httpServer() {
        HttpLimits limits = httpLimits();
        return budgeted(() -> new HttpServer(limits, root).withInputBudget(inputBudget));
    }

    private BlockingHttp blockingHttp() {
        HttpLimits limits = httpLimits();
        return budgeted(() -> new BlockingHttp(limits, root).withInputBudget(inputBudget));
    }

    /** Makes an HTTP server of either style; the only value it can refuse is the input budget, so it names it. */
    private <T> T budgeted(Supplier<T> server) {
        try {
            return server.get();
        } catch (IllegalArgumentException e) {
            throw bad("--input-budget: " + e.getMessage());
        }
    }

    private HttpLimits httpLimits() {
        if (maxBody < 0) {
            throw bad("--max-body: must not be negative, was " + maxBody);
        }
        return HttpLimits.defaults().withMaxBodyBytes(maxBody);
    }

    private RespServer respServer() {
        RespServer server;
        try {
            server = new RespServer(maxBulk, requirePassword);
        } catch (IllegalArgumentException e) {
            throw bad((requirePassword != null && requirePassword.isEmpty() ? "--requirepass: " : "--max-bulk: ")
                + e.getMessage());
        }
        try {
            long limit = queryBufferLimit != null ? queryBufferLimit : RespServer.defaultQueryBufferLimit(maxBulk);
            server = server.withInputLimits(maxArgs, limit);
        } catch (IllegalArgumentException e) {
            throw bad("--max-args/--query-buffer-limit: " + e.getMessage());
        }
        try {
            return server.withOutputLimits(outputBufferLimit, outputBufferSoftLimit, outputBufferSoftSeconds);
        } catch (IllegalArgumentException e) {
            throw bad("--output-buffer-limit/--output-buffer-soft-limit/--output-buffer-soft-seconds: "
                + e.getMessage());
        }
    }

    private picocli.CommandLine.ParameterException unknown(String what) {
        return bad("unknown " + what);
    }

    private picocli.CommandLine.ParameterException bad(String what) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), what);
    }
}
