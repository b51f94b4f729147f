package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.Pipeliner;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a client that pipelines far more requests than it reads responses for makes the server stop reading, so
// server memory stays bounded (in both styles, for in-place and for file responses), and once the client reads,
// every request is answered.
@Timeout(60)
class BackpressureTest {
    /** 2 MiB: far below the responses the requests ask for. */
    private static final long MAX_BYTES_IN_USE = 2L * 1024 * 1024;
    /** The file each {@code /files} request asks for: its only '!' is its last byte. */
    private static final int FILE_SIZE = 16 * 1024;
    /** Longer than any scheduling hiccup: this test is about memory, not about the write timeout. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the client pipelines; every response carries exactly one '!'. */
    enum Load {
        /**
         * 24 MB of requests for 12 MB of "Hello, World!": answered in place, a batch at a time. Responses are
         * smaller than requests, so the kernel may absorb every request (the server's receive buffer autotunes
         * up to tcp_rmem's maximum, 32 MiB here) and the client need not block; the bound still holds.
         */
        PLAINTEXT("/plaintext", 100_000, false),
        /**
         * 5 MB of requests for 320 MiB of files, each response 64 times its request: the server's output is
         * full after reading about 100 KB, its receive buffer stops growing, and the client must block.
         */
        FILE("/files/r.bin", 20_000, true);

        final String target;
        final int requests;
        final boolean clientBlocks;

        Load(String target, int requests, boolean clientBlocks) {
            this.target = target;
            this.requests = requests;
            this.clientBlocks = clientBlocks;
        }
    }

    @TempDir
    Path root;

    static Stream<Arguments> cases() {
        return HttpServerFixture.servers()
            .flatMap(a -> Stream.of(Load.values()).map(l -> Arguments.of(a.get()[0], a.get()[1], l)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void shouldPauseReadingWhileResponsesPileUp(BackendKind kind, Style style, Load load) throws Exception {
        byte[] file = new byte[FILE_SIZE];
        Arrays.fill(file, (byte) 'x');
        file[FILE_SIZE - 1] = '!';
        Files.write(root.resolve("r.bin"), file);
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root, TIMEOUT, TIMEOUT)) {
            try (Pipeliner client = new Pipeliner(fx.port(), HttpServerFixture.paddedGet(load.target), load.requests)) {
                client.awaitStall();
                if (load.clientBlocks) {
                    assertTrue(client.written() < client.total(),
                        "the writer never blocked: the server read all " + client.total() + " bytes");
                }
                long inUse = fx.bytesInUse();
                assertTrue(inUse <= MAX_BYTES_IN_USE, inUse + " bytes in use while the client does not read ("
                    + client.written() + " request bytes sent); " + fx.poolStats());
                assertEquals(load.requests, client.countResponses(load.requests, (byte) '!'));
                assertNull(client.awaitWriter());
            }
            fx.assertQuiescent();
        }
    }
}
