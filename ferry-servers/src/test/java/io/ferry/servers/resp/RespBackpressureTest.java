package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.Pipeliner;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a client that pipelines GETs of a large value and does not read makes the server stop reading, so its
// memory stays bounded, and once the client reads, every GET is answered.
@Timeout(60)
class RespBackpressureTest {
    /** 4.6 MB of GETs for 320 MiB of replies: the client must block long before the server has read them all. */
    private static final int REQUESTS = 20_000;
    /** The value's only '!' is its last byte, so counting '!' counts replies. */
    private static final int VALUE_SIZE = 16 * 1024;
    /** 2 MiB: far below the replies the GETs ask for. The fixture checks for leaks when it closes. */
    private static final long MAX_BYTES_IN_USE = 2L * 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.servers.resp.RespServerFixture#backends")
    void shouldPauseReadingWhileRepliesPileUp(BackendKind kind) throws Exception {
        String key = "k".repeat(200); // pads each GET to about 230 bytes
        byte[] value = new byte[VALUE_SIZE];
        Arrays.fill(value, (byte) 'x');
        value[VALUE_SIZE - 1] = '!';
        try (RespServerFixture fx = new RespServerFixture(kind)) {
            set(fx.port(), key, value);
            byte[] get = ("*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
            try (Pipeliner client = new Pipeliner(fx.port(), get, REQUESTS)) {
                client.awaitStall();
                assertTrue(client.written() < client.total(),
                    "the writer never blocked: the server read all " + client.total() + " bytes");
                long inUse = fx.bytesInUse();
                assertTrue(inUse <= MAX_BYTES_IN_USE, inUse + " bytes in use while the client does not read ("
                    + client.written() + " request bytes sent); " + fx.poolStats());
                assertEquals(REQUESTS, client.countResponses(REQUESTS, (byte) '!'));
                assertNull(client.awaitWriter());
            }
        }
    }

    private static void set(int port, String key, byte[] value) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + value.length + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(value);
            out.write(new byte[] {'\r', '\n'});
            InputStream in = s.getInputStream();
            assertEquals("+OK\r\n", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
        }
    }
}
