package io.ferry.servers.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Backends;
import java.io.BufferedReader;
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
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: `ferry serve echo` as a user runs it: one listening line, a socat/nc round trip from a shell script,
// and a clean stop on SIGTERM, on every backend that runs here.
@Timeout(60)
class ShouldServeEchoFromTheCommandLineTest {
    private static final Pattern LISTENING = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) backend=(\\w+)$");

    static Stream<String> backends() {
        return Backends.available().stream().map(k -> k.label());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void shouldRoundTripThroughSocatAndStopOnSigterm(String backend, @TempDir Path dir) throws Exception {
        assumeTrue(onPath("socat") || onPath("nc"), "needs socat or nc (apt-get install socat netcat-openbsd)");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "io.ferry.cli.FerryCli", "serve", "echo",
            "--backend", backend, "--port", "0", "--loops", "1")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = LISTENING.matcher(String.valueOf(line));
            assertTrue(m.matches(), "first stdout line: " + line);
            assertTrue(m.group(2).equals(backend), "backend named in: " + line);

            byte[] payload = new byte[300_000];
            new Random(11).nextBytes(payload);
            Path in = Files.write(dir.resolve("in.bin"), payload);
            Path script = Path.of(getClass().getResource("/echo-roundtrip.sh").toURI());
            Process client = new ProcessBuilder("bash", script.toString(), "127.0.0.1", m.group(1), in.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] back = client.getInputStream().readAllBytes();
            assertTrue(client.waitFor(30, TimeUnit.SECONDS), "client finished");
            assertArrayEquals(payload, back);

            server.destroy(); // SIGTERM
            assertTrue(server.waitFor(15, TimeUnit.SECONDS), "server stops on SIGTERM");
        } finally {
            server.destroyForcibly();
        }
    }

    private static boolean onPath(String tool) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
            .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
