package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.net.Connection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code Connection} used off its loop fails the same way on every backend, with Ferry's own message,
 * also with the debug checks off as in production (issue 12, defect 11: silently racy on io_uring and
 * nio, the JDK's WrongThreadException on epoll). The production setting needs a JVM of its own: the
 * test JVM runs with {@code -Dferry.checks=true}.
 */
class ConnectionOffItsLoopTest {
    private static final List<Consumer<Connection>> MUTATORS = List.of(Connection::flush, Connection::pauseReading,
        Connection::resumeReading, Connection::shutdownOutput, Connection::close, Connection::abort,
        Connection::writer);

    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseEveryCallFromAnotherThread(BackendKind kind) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), ConnectionOffItsLoopTest.class.getName(), kind.name())
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(50, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("refused " + MUTATORS.size() + " of " + MUTATORS.size()), kind + ":\n" + out);
    }

    /** Child JVM, checks off: connects, then calls each mutator from this (non-loop) thread. */
    public static void main(String[] args) throws IOException, InterruptedException {
        BackendKind kind = BackendKind.valueOf(args[0]);
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            InetSocketAddress at = (InetSocketAddress) ferry.listen(new InetSocketAddress("127.0.0.1", 0),
                c -> (conn, data) -> data.release()).localAddress();
            Connection c = ferry.connect(at, (conn, data) -> data.release()).join();
            int refused = 0;
            for (Consumer<Connection> m : MUTATORS) {
                try {
                    m.accept(c);
                    System.out.println("accepted a call off the loop");
                } catch (IllegalStateException e) {
                    if (e.getMessage().contains(c.loop().name())) {
                        refused++;
                    }
                } catch (RuntimeException e) {
                    System.out.println("other failure: " + e);
                }
            }
            System.out.println("refused " + refused + " of " + MUTATORS.size());
            c.loop().execute(c::abort);
        }
    }
}
