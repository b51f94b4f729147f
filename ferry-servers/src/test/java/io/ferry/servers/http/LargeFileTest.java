package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a file far larger than one pool buffer (5 MiB) streams byte for byte on every backend and style, twice
// over one kept-alive connection, and also to a client reading slower than the server reads the file.
@Timeout(60)
class LargeFileTest {
    private static final int SIZE = 5 * 1024 * 1024 + 4321;

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldStreamAFileLargerThanAPoolBufferByteForByte(BackendKind kind, Style style) throws Exception {
        byte[] data = new byte[SIZE];
        new Random(kind.ordinal()).nextBytes(data);
        Files.write(root.resolve("big.bin"), data);
        byte[] twice = new byte[2 * SIZE];
        System.arraycopy(data, 0, twice, 0, SIZE);
        System.arraycopy(data, 0, twice, SIZE, SIZE);
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            String url = fx.url("/files/big.bin");
            Clients.Result fast = Clients.curl(url, url);
            assertEquals(0, fast.exit(), fast.stderr());
            assertArrayEquals(twice, fast.stdout());
            Clients.Result slow = Clients.curl("--limit-rate", "8M", url);
            assertEquals(0, slow.exit(), slow.stderr());
            assertArrayEquals(data, slow.stdout());
            fx.assertQuiescent();
        }
    }
}
