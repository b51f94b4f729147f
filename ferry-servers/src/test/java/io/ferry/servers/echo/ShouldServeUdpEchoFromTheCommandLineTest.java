package io.ferry.servers.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Backends;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: `ferry serve echo --udp` as a user runs it, on every backend that runs here: socat gets a text line
// and 1,200 random bytes back whole in both styles, `nc -u` gets its line back, and SIGTERM stops the server.
@Timeout(60)
class ShouldServeUdpEchoFromTheCommandLineTest {
    private static final Pattern LISTENING = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) backend=(\\w+)$");

    static Stream<Arguments> backendsAndStyles() {
        return Backends.available().stream().flatMap(k -> Stream.of("handler", "blocking")
            .map(style -> Arguments.of(k.label(), style)));
    }

    static Stream<String> backends() {
        return Backends.available().stream().map(k -> k.label());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndStyles")
    void shouldEchoThroughSocat(String backend, String style, @TempDir Path dir) throws Exception {
        assumeTrue(onPath("socat"), "needs socat (apt-get install socat)");
        Process server = start(backend, style);
        try {
            String port = port(server, backend);
            assertArrayEquals("hello udp\n".getBytes(StandardCharsets.US_ASCII),
                run(dir, "hello udp\n".getBytes(StandardCharsets.US_ASCII), "socat", "-t", "2", "-",
                    "UDP:127.0.0.1:" + port));
            byte[] payload = new byte[1_200];
            new Random(16).nextBytes(payload);
            assertArrayEquals(payload, run(dir, payload, "socat", "-t", "2", "-b", "65536", "-",
                "UDP:127.0.0.1:" + port), "1,200 random bytes, one datagram each way");
            stop(server);
        } finally {
            server.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void shouldEchoThroughNetcat(String backend, @TempDir Path dir) throws Exception {
        assumeTrue(onPath("nc"), "needs nc (apt-get install netcat-openbsd)");
        Process server = start(backend, "handler");
        try {
            String port = port(server, backend);
            byte[] line = "hello nc\n".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(line, run(dir, line, "nc", "-u", "-w", "2", "127.0.0.1", port));
            stop(server);
        } finally {
            server.destroyForcibly();
        }
    }

    private static Process start(String backend, String style) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "io.ferry.cli.FerryCli", "serve", "echo", "--udp",
            "--backend", backend, "--style", style, "--port", "0", "--loops", "1")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Reads the one listening line and returns its port. */
    private static String port(Process server, String backend) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = LISTENING.matcher(String.valueOf(line));
        assertTrue(m.matches(), "first stdout line: " + line);
        assertEquals(backend, m.group(2), "backend named in: " + line);
        return m.group(1);
    }

    /** Runs a client tool with {@code input} on stdin and returns its stdout. */
    private static byte[] run(Path dir, byte[] input, String... command) throws Exception {
        Path in = Files.write(Files.createTempFile(dir, "in", ".bin"), input);
        Process client = new ProcessBuilder(command).redirectInput(in.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] back = client.getInputStream().readAllBytes();
        assertTrue(client.waitFor(20, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return back;
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy(); // SIGTERM
        assertTrue(server.waitFor(15, TimeUnit.SECONDS), "server stops on SIGTERM");
    }

    private static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
            .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
