package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Backends;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: `ferry serve {echo,http,resp} --unix PATH` as a user runs it, on every backend: one listening line naming
// the path, a round trip with the real client (socat, curl --unix-socket, redis-cli -s), and on SIGTERM a clean stop
// that removes the socket file.
@Timeout(60)
class ShouldServeOverAUnixSocketTest {
    static Stream<Arguments> cases() {
        return Backends.available().stream().flatMap(k -> Stream.of("echo", "http", "resp")
            .map(server -> Arguments.of(server, k.label())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void shouldAnswerTheRealClientAndRemoveTheFile(String server, String backend) throws Exception {
        String tool = switch (server) {
            case "echo" -> "socat";
            case "http" -> "curl";
            default -> "redis-cli";
        };
        assumeTrue(onPath(tool), "needs " + tool + " (apt-get install socat curl redis-tools)");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "ferry-cli-"); // short: sun_path holds 107 bytes
        Path socket = dir.resolve(server + ".sock");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process ferry = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "io.ferry.cli.FerryCli", "serve", server,
            "--backend", backend, "--unix", socket.toString(), "--loops", "1")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String line = new BufferedReader(new InputStreamReader(ferry.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
            assertEquals("listening on unix:" + socket + " backend=" + backend, line);
            switch (server) {
                case "echo" -> assertEquals("hello over a unix socket\n",
                    run("hello over a unix socket\n", "socat", "-t", "5", "-", "UNIX-CONNECT:" + socket));
                case "http" -> assertEquals("posted", run("", "curl", "-s", "--unix-socket", socket.toString(),
                    "--data-binary", "posted", "http://localhost/echo"));
                default -> {
                    assertEquals("OK\n", run("", "redis-cli", "-s", socket.toString(), "SET", "k", "v"));
                    assertEquals("v\n", run("", "redis-cli", "-s", socket.toString(), "GET", "k"));
                }
            }
            ferry.destroy(); // SIGTERM
            assertTrue(ferry.waitFor(15, TimeUnit.SECONDS), "server stops on SIGTERM");
            assertTrue(Files.notExists(socket), "the socket file is removed on exit");
        } finally {
            ferry.destroyForcibly();
            Files.deleteIfExists(socket);
            Files.delete(dir);
        }
    }

    /** Runs {@code command} with {@code input} on stdin; returns its stdout once it exits (bounded). */
    private static String run(String input, String... command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command)))
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return out;
    }

    private static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
            .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
