package io.ferry.bench.soak;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.net.Listener;
import io.ferry.servers.echo.EchoHandler;
import io.ferry.servers.http.HttpServer;
import io.ferry.servers.resp.RespServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The servers a soak runs, as {@code ferry serve} runs them, on one {@link Ferry} on loopback: echo,
 * HTTP (with {@code /files} served from a scratch directory of {@link #FILES}) and RESP. Closing
 * stops the runtime and deletes the directory.
 */
final class SoakServers implements AutoCloseable {
    /** The files {@code /files/<name>} serves, name and size: small, medium, and one a slow reader drains. */
    static final List<String> FILES = List.of("small.txt:1024", "medium.bin:102400", "large.bin:1048576");
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    final Ferry ferry;
    final InetSocketAddress echo;
    final InetSocketAddress http;
    final InetSocketAddress resp;
    final Path root;
    private final List<Listener> listeners;

    SoakServers(BackendKind kind) throws IOException {
        root = Files.createTempDirectory("ferry-soak");
        SplittableRandom random = new SplittableRandom(root.hashCode());
        for (String file : FILES) {
            byte[] content = new byte[Integer.parseInt(file.substring(file.indexOf(':') + 1))];
            random.nextBytes(content);
            Files.write(root.resolve(file.substring(0, file.indexOf(':'))), content);
        }
        ferry = Ferry.builder().backend(kind).build();
        try {
            listeners = List.of(ferry.listen(ANY_PORT, c -> EchoHandler.INSTANCE),
                ferry.listen(ANY_PORT, HttpServer.create(root)),
                ferry.listen(ANY_PORT, new RespServer(RespServer.DEFAULT_MAX_BULK)));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        echo = listeners.get(0).localAddress();
        http = listeners.get(1).localAddress();
        resp = listeners.get(2).localAddress();
    }

    /** The backend the runtime chose, e.g. {@code uring}. */
    String backend() {
        return ferry.backend().label();
    }

    @Override
    public void close() throws IOException {
        try {
            ferry.close();
        } finally {
            try (Stream<Path> files = Files.list(root)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(root);
        }
    }
}
