package io.ferry.bench.soak;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
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

    /**
     * Starts the servers on {@code kind}.
     *
     * @throws UnsupportedOperationException when {@code kind} cannot run here
     */
    SoakServers(BackendKind kind) throws IOException {
        ferry = Ferry.builder().backend(kind).build();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ferry-soak");
            SplittableRandom random = new SplittableRandom(dir.hashCode());
            for (String file : FILES) {
                byte[] content = new byte[Integer.parseInt(file.substring(file.indexOf(':') + 1))];
                random.nextBytes(content);
                Files.write(dir.resolve(file.substring(0, file.indexOf(':'))), content);
            }
            echo = (InetSocketAddress) ferry.listen(ANY_PORT, c -> EchoHandler.INSTANCE).localAddress();
            http = (InetSocketAddress) ferry.listen(ANY_PORT, HttpServer.create(dir)).localAddress();
            resp = (InetSocketAddress) ferry.listen(ANY_PORT, new RespServer(RespServer.DEFAULT_MAX_BULK))
                .localAddress();
        } catch (IOException | RuntimeException e) {
            ferry.close();
            delete(dir);
            throw e;
        }
        root = dir;
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
            delete(root);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
