package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * redis-py, at its default settings, drives the server on every backend (redis_py_client.py: connect, set and
 * get, binary values, expiry, a pipeline of 10,000 commands, a transaction, reconnecting after CLIENT KILL).
 * Skipped, saying so, where no Python with the redis module is installed (.ci/run installs Debian's
 * python3-redis).
 */
@Timeout(120)
class RespPythonClientTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.ferry.servers.resp.RespServerFixture#backends")
    void shouldServeRedisPyAtItsDefaults(BackendKind kind) throws Exception {
        String python = pythonWithRedis();
        Path script = dir.resolve("redis_py_client.py");
        try (InputStream in = RespPythonClientTest.class.getResourceAsStream("redis_py_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        try (RespServerFixture server = new RespServerFixture(kind)) {
            Process p = new ProcessBuilder(python, script.toString(), Integer.toString(server.port()))
                .redirectErrorStream(true).start();
            try {
                String output = new String(p.getInputStream().readAllBytes()).strip();
                Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "redis-py did not finish in 60 s");
                assertEquals("OK", output, "redis-py against " + kind);
                assertEquals(0, p.exitValue());
            } finally {
                p.destroyForcibly();
            }
            server.assertQuiescent();
        }
    }

    /** The first Python on the usual paths that imports redis; the test is skipped when there is none. */
    private static String pythonWithRedis() throws IOException, InterruptedException {
        for (String python : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import redis").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException notThere) {
                // try the next one
            }
        }
        Assumptions.abort("no python3 with the redis module (Debian: apt-get install python3-redis)");
        return null;
    }
}
