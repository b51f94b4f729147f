package io.ferry.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Backends;
import io.ferry.runtime.LoopThread;
import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.net.Listener;
import io.ferry.net.blocking.FerryServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Purpose: the guide's code is real code: every snippet in docs/GUIDE.md matches GuideSnippets.java, which compiles
// and runs here.
@Timeout(30)
class GuideSnippetsTest {
    private static final Pattern REGION = Pattern.compile("// snippet:(\\w+)\\n(.*?)\\n\\s*// end", Pattern.DOTALL);
    private static final Pattern GUIDE_BLOCK = Pattern.compile("<!-- snippet:(\\w+) -->\\n```java\\n(.*?)```",
        Pattern.DOTALL);

    @Test
    void shouldShowExactlyTheCompiledSnippets() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String code = Files.readString(root.resolve("ferry-core/src/test/java/io/ferry/guide/GuideSnippets.java"));
        String guide = Files.readString(root.resolve("docs/GUIDE.md"));
        Map<String, String> compiled = regions(REGION.matcher(code));
        Map<String, String> shown = regions(GUIDE_BLOCK.matcher(guide));
        assertEquals(compiled.keySet(), shown.keySet(), "snippet names in the guide");
        compiled.forEach((name, body) -> assertEquals(body, shown.get(name), "snippet " + name));
    }

    @Test
    void shouldRunTheEchoSnippet() throws Exception {
        try (Ferry ferry = GuideSnippets.start(BackendKind.AUTO)) {
            Listener l = GuideSnippets.echo(ferry);
            assertEchoes(((InetSocketAddress) l.localAddress()).getPort());
            assertTrue(Backends.availability(ferry.backend()).available());
        }
    }

    @Test
    void shouldRunTheBlockingEchoSnippet() throws Exception {
        try (Ferry ferry = GuideSnippets.start(BackendKind.AUTO);
             FerryServer server = GuideSnippets.blockingEcho(ferry)) {
            assertEchoes(((InetSocketAddress) server.localAddress()).getPort());
            assertTrue(Ferry.carriesVirtualThreads(), Ferry.virtualThreadCarrierUnavailableReason());
        }
    }

    /** A line sent to the echo server on {@code port} comes back unchanged. */
    private static void assertEchoes(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            byte[] hello = "hello\n".getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(hello);
            byte[] back = new byte[hello.length];
            new DataInputStream(s.getInputStream()).readFully(back);
            assertArrayEquals(hello, back);
        }
    }

    @Test
    void shouldRunTheFileSnippets(@TempDir Path dir) throws Exception {
        try (Ferry ferry = GuideSnippets.fileSettings()) {
            assertEquals(16, ((LoopThread) ferry.loops().get(0)).fileSettings().blockingThreads());
            var loop = ferry.loops().get(0);
            Buf data = loop.await(() -> loop.pool().acquire(5).writeAscii("hello"));
            CompletableFuture<Long> size = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    size.complete(GuideSnippets.saveAndSize(ferry, dir.resolve("saved"), data));
                } catch (Throwable t) {
                    size.completeExceptionally(t);
                }
            });
            assertEquals(5L, size.get(20, TimeUnit.SECONDS));
            GuideSnippets.saveAll(loop, dir, List.of(data, data)).get(20, TimeUnit.SECONDS);
            data.release();
            assertEquals("hello", Files.readString(dir.resolve("saved")));
            assertEquals("hello", Files.readString(dir.resolve("part-0")));
            assertEquals("hello", Files.readString(dir.resolve("part-1")));
        }
    }

    /** Name to body with the common indentation removed. */
    private static Map<String, String> regions(Matcher m) {
        Map<String, String> out = new LinkedHashMap<>();
        while (m.find()) {
            out.put(m.group(1), dedent(m.group(2)));
        }
        return out;
    }

    private static String dedent(String text) {
        List<String> lines = text.stripTrailing().lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
            .min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString();
    }
}
