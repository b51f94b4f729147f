package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Backends;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.tls.TlsConfig;
import io.ferry.net.tls.TlsProvider;
import io.ferry.servers.echo.BlockingEcho;
import io.ferry.servers.echo.EchoHandler;
import io.ferry.servers.http.BlockingHttp;
import io.ferry.servers.http.HttpServer;
import io.ferry.servers.resp.RespServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: the servers answer real TLS clients (curl --cacert, openssl s_client, Python's ssl, redis-cli --tls)
// on every backend and over both TLS providers (the JDK's, OpenSSL's), HTTP and echo in both styles, with the
// self-signed certificate `ferry serve --tls` makes; a client that is not installed skips its test.
@Timeout(120)
class TlsWithRealClientsTest {
    private static SelfSignedCertificate cert;
    private static TlsConfig tls;

    @BeforeAll
    static void makeCertificate() throws Exception {
        cert = SelfSignedCertificate.create();
        tls = TlsConfig.server(cert.cert(), cert.key());
    }

    static Stream<Arguments> backends() {
        return Arrays.stream(BackendKind.values()).filter(k -> k != BackendKind.AUTO)
            .filter(k -> Backends.availability(k).available())
            .flatMap(k -> Stream.of(TlsProvider.values()).filter(p -> p.unavailableReason() == null)
                .map(p -> Arguments.of(k, p)));
    }

    private record Result(int exit, String out, String err) {
    }

    private static void assumeInstalled(String tool) {
        boolean found = Stream.of(System.getenv("PATH").split(File.pathSeparator))
            .anyMatch(dir -> new File(dir, tool).canExecute());
        assumeTrue(found, tool + " is not installed: skipped");
    }

    private static Result run(byte[] stdin, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
            new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** A runtime on {@code kind} whose loops report errors into a list checked at the end. */
    private static final class Runtime implements AutoCloseable {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final Ferry ferry;
        final TlsConfig tls;

        Runtime(BackendKind kind, TlsProvider provider) throws IOException {
            ferry = Ferry.builder().backend(kind).loops(1).errorHandler(errors::add).build();
            tls = TlsWithRealClientsTest.tls.provider(provider);
        }

        int handler(io.ferry.net.HandlerFactory factory) throws IOException {
            return ((InetSocketAddress) ferry.listen(new InetSocketAddress("127.0.0.1", 0),
                TlsOptions.wrap(tls, factory)).localAddress()).getPort();
        }

        int blocking(io.ferry.net.blocking.SocketHandler handler) throws IOException {
            return ((InetSocketAddress) FerryServer.bind(ferry, new InetSocketAddress("127.0.0.1", 0),
                ferry.socketOptions(), tls, handler).localAddress()).getPort();
        }

        @Override
        public void close() {
            ferry.close();
            assertTrue(errors.isEmpty(), "errors on the loops: " + errors);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backends")
    void shouldAnswerCurlOverHttps(BackendKind kind, TlsProvider provider) throws Exception {
        assumeInstalled("curl");
        try (Runtime rt = new Runtime(kind, provider)) {
            for (int port : new int[] {rt.handler(HttpServer.create(null)), rt.blocking(BlockingHttp.create(null))}) {
                String url = "https://127.0.0.1:" + port + "/plaintext";
                Result r = run(null, "curl", "-sS", "--cacert", cert.cert().toString(), url, url);
                assertEquals(0, r.exit(), r.err());
                assertEquals("Hello, World!".repeat(2), r.out());
                Result localhost = run(null, "curl", "-sS", "--cacert", cert.cert().toString(),
                    "--resolve", "localhost:" + port + ":127.0.0.1", "https://localhost:" + port + "/plaintext");
                assertEquals("Hello, World!", localhost.out(), localhost.err());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backends")
    void shouldAnswerOpensslClient(BackendKind kind, TlsProvider provider) throws Exception {
        assumeInstalled("openssl");
        byte[] request = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        try (Runtime rt = new Runtime(kind, provider)) {
            for (int port : new int[] {rt.handler(HttpServer.create(null)), rt.blocking(BlockingHttp.create(null))}) {
                // -quiet keeps reading after stdin ends, until the server closes (with close_notify)
                Result r = run(request, "openssl", "s_client", "-quiet", "-verify_return_error", "-CAfile",
                    cert.cert().toString(), "-verify_ip", "127.0.0.1", "-connect", "127.0.0.1:" + port);
                assertEquals(0, r.exit(), r.err());
                assertTrue(r.out().startsWith("HTTP/1.1 200") && r.out().endsWith("Hello, World!"), r.out());
                assertTrue(r.err().contains("verify return:1"), r.err());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backends")
    void shouldEchoForPythonSsl(BackendKind kind, TlsProvider provider) throws Exception {
        assumeTrue(new File("/usr/bin/python3").canExecute(), "/usr/bin/python3 is not installed: skipped");
        String script = String.join("\n",
            "import socket, ssl, sys",
            "ctx = ssl.create_default_context(cafile=sys.argv[1])",
            "data = bytes(range(256)) * 4096",
            "with socket.create_connection(('127.0.0.1', int(sys.argv[2]))) as raw:",
            "    with ctx.wrap_socket(raw, server_hostname='localhost') as s:",
            "        s.sendall(data)",
            "        got = b''",
            "        while len(got) < len(data):",
            "            got += s.recv(65536)",
            "        assert got == data, 'echo differs'",
            "        print(s.version(), s.cipher()[0])",
            "        s.unwrap()");
        try (Runtime rt = new Runtime(kind, provider)) {
            for (int port : new int[] {rt.handler(c -> EchoHandler.INSTANCE), rt.blocking(BlockingEcho.INSTANCE)}) {
                Result r = run(null, "/usr/bin/python3", "-c", script, cert.cert().toString(), String.valueOf(port));
                assertEquals(0, r.exit(), r.err());
                assertTrue(r.out().startsWith("TLSv1.3"), r.out());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backends")
    void shouldAnswerRedisCliOverTls(BackendKind kind, TlsProvider provider) throws Exception {
        assumeInstalled("redis-cli");
        try (Runtime rt = new Runtime(kind, provider)) {
            int port = rt.handler(new RespServer(RespServer.DEFAULT_MAX_BULK));
            String[] base = {"redis-cli", "--tls", "--cacert", cert.cert().toString(), "-h", "127.0.0.1", "-p",
                String.valueOf(port)};
            Result set = run(null, concat(base, "SET", "k", "over tls"));
            assertEquals("OK", set.out().trim(), set.err());
            Result get = run(null, concat(base, "GET", "k"));
            assertEquals("over tls", get.out().trim(), get.err());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
