package io.ferry.bench.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Purpose: ferry-core as a user's program sees it: a separate program that only knows the runtime (module
// io.ferry.core) runs an echo round trip on the module path and on the class path, with no native-access warning,
// and cannot see the packages the module does not export.
@Timeout(120)
class ModulePathConsumerTest {
    private static final String ECHO = """
        package consumer;

        import io.ferry.Ferry;
        import io.ferry.net.Listener;
        import java.io.DataInputStream;
        import java.net.InetSocketAddress;
        import java.net.Socket;
        import java.util.Arrays;

        public final class Echo {
            public static void main(String[] args) throws Exception {
                try (Ferry ferry = Ferry.builder().loops(1).build()) {
                    Listener l = ferry.listen(new InetSocketAddress("127.0.0.1", 0),
                        c -> (conn, data) -> conn.writeAndFlush(data));
                    byte[] sent = "hello from a consumer".getBytes();
                    try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) l.localAddress()).getPort())) {
                        s.getOutputStream().write(sent);
                        byte[] back = new byte[sent.length];
                        new DataInputStream(s.getInputStream()).readFully(back);
                        if (!Arrays.equals(sent, back)) {
                            throw new AssertionError("echo differs");
                        }
                    }
                    System.out.println("echoed " + sent.length + " bytes on " + ferry.backend());
                }
            }
        }
        """;

    /** Asks two loops for virtual threads, runs one on each, and says where they ran. */
    private static final String CARRIED = """
        package consumer;

        import io.ferry.Ferry;

        public final class Carried {
            public static void main(String[] args) throws Exception {
                try (Ferry ferry = Ferry.builder().loops(2).build()) {
                    for (int i = 0; i < 2; i++) {
                        Thread t = ferry.loops().get(i).virtualThreads().newThread(() -> { });
                        t.start();
                        t.join();
                    }
                    System.out.println("carried by the loops: " + Ferry.carriesVirtualThreads());
                }
            }
        }
        """;

    @TempDir
    Path dir;

    @Test
    void shouldRunOnTheModulePath() throws Exception {
        Path src = write("module-info.java", "module ferry.consumer { requires io.ferry.core; }");
        Path echo = write("consumer/Echo.java", ECHO);
        Path out = dir.resolve("out");
        assertEquals(0, javac(List.of("--module-path", core(), "-d", out.toString(), src.toString(), echo.toString())));
        Result r = java(List.of("--module-path", core() + File.pathSeparator + out,
            "--enable-native-access=io.ferry.core", "--add-opens", "java.base/java.lang=io.ferry.core",
            "-m", "ferry.consumer/consumer.Echo"));
        assertEchoed(r);
    }

    @Test
    void shouldRunOnTheClassPath() throws Exception {
        Path echo = write("consumer/Echo.java", ECHO);
        Path out = dir.resolve("out");
        assertEquals(0, javac(List.of("-cp", core(), "-d", out.toString(), echo.toString())));
        Result r = java(List.of("-cp", core() + File.pathSeparator + out, "--enable-native-access=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "consumer.Echo"));
        assertEchoed(r);
    }

    @Test
    void shouldHideTheBackendsAndTheKernelLayer() throws Exception {
        Path src = write("module-info.java", "module ferry.peeker { requires io.ferry.core; }");
        Path peek = write("peeker/Peek.java", """
            package peeker;

            public final class Peek {
                io.ferry.backend.uring.UringConfig config;
            }
            """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ToolProvider.getSystemJavaCompiler().run(null, null, err, "--module-path", core(), "-d",
            dir.resolve("out").toString(), src.toString(), peek.toString());
        assertTrue(code != 0, "a consumer compiled against an internal package");
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("is not visible"), message);
    }

    @Test
    void shouldWarnOnceWhenVirtualThreadsRunOnTheJdkCarriers() throws Exception {
        Path carried = write("consumer/Carried.java", CARRIED);
        Path out = dir.resolve("out");
        assertEquals(0, javac(List.of("-cp", core(), "-d", out.toString(), carried.toString())));
        Result degraded = java(List.of("-cp", core() + File.pathSeparator + out, "--enable-native-access=ALL-UNNAMED",
            "consumer.Carried"));
        assertEquals(0, degraded.code, degraded.err);
        assertEquals("carried by the loops: false\n", degraded.out);
        assertEquals(1, degraded.err.lines().filter(l -> l.startsWith("WARNING")).count(), degraded.err);
        assertTrue(degraded.err.contains("--add-opens java.base/java.lang="), degraded.err);

        Result normal = java(List.of("-cp", core() + File.pathSeparator + out, "--enable-native-access=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "consumer.Carried"));
        assertEquals("carried by the loops: true\n", normal.out);
        assertEquals("", normal.err, "a normal start logs nothing above DEBUG");
    }

    private static void assertEchoed(Result r) {
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("echoed 21 bytes on "), r.out + r.err);
        assertFalse(r.err.contains("restricted method"), "a native-access warning: " + r.err);
    }

    /** Where ferry-core was loaded from: its jar in a full build, its classes directory otherwise. */
    private static String core() throws Exception {
        return Path.of(Ferry.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve("src").resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private static int javac(List<String> args) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        return javac.run(null, null, null, args.toArray(String[]::new));
    }

    private Result java(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile())
            .redirectOutput(dir.resolve("out.txt").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the consumer did not finish in 60 s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")),
            Files.readString(dir.resolve("err.txt")));
    }

    private record Result(int code, String out, String err) {
    }
}
