package io.ferry.servers.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: `ferry serve echo --stats 1` prints a stats line every second that shows the traffic of that second.
@Timeout(60)
class ShouldPrintStatsLinesTest {
    private static final Pattern LISTENING = Pattern.compile("^listening on 127\\.0\\.0\\.1:(\\d+) backend=(\\w+)$");
    private static final Pattern STATS = Pattern.compile("^stats: [0-9.]+ s: connections \\d+ open, "
        + "\\+(\\d+) accepted, "
        + "\\+(\\d+) closed; in [0-9.]+ (B|KiB|MiB)/s, out [0-9.]+ (B|KiB|MiB)/s; kernel entries \\d+/s, "
        + "[0-9.]+ events per wake-up, [0-9.]+ entries per submit; buffers \\d+ in use \\(.*\\)$");

    @Test
    void shouldPrintOneLinePerPeriodWithTheTraffic() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "io.ferry.cli.FerryCli", "serve", "echo",
            "--port", "0", "--loops", "1", "--stats", "1")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    lines.add("read failed: " + e);
                }
            });
            String first = lines.poll(20, TimeUnit.SECONDS);
            Matcher m = LISTENING.matcher(String.valueOf(first));
            assertTrue(m.matches(), "first line: " + first);
            byte[] payload = new byte[50_000];
            try (Socket s = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                s.getOutputStream().write(payload);
                s.shutdownOutput();
                assertArrayEquals(payload, s.getInputStream().readAllBytes());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int accepted = 0;
            String seen = null;
            while (accepted == 0 && System.nanoTime() < deadline) {
                seen = lines.poll(5, TimeUnit.SECONDS);
                assertNotNull(seen, "no stats line within 5 s");
                Matcher s = STATS.matcher(seen);
                assertTrue(s.matches(), "stats line: " + seen);
                accepted += Integer.parseInt(s.group(1));
            }
            assertTrue(accepted == 1, "the connection was counted: " + seen);
        } finally {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
