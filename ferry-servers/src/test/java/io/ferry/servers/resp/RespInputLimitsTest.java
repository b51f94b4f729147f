package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a client's incomplete command input is capped (Redis's client-query-buffer-limit idea) and so is the
// number of arguments of one command; past either the client gets a Redis-style protocol error and is closed,
// while another client on the same server is still served; on every backend.
@Timeout(60)
class RespInputLimitsTest {
    private static final String BACKENDS = "io.ferry.servers.resp.RespServerFixture#backends";

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldRefuseTooManyArguments(BackendKind kind) throws Exception {
        RespServer server = new RespServer(RespServer.DEFAULT_MAX_BULK).withInputLimits(100, 1L << 30);
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            int port = ((InetSocketAddress) ferry.listen(new InetSocketAddress("127.0.0.1", 0), server).localAddress())
            .getPort();
            assertEquals("-ERR Protocol error: invalid multibulk length\r\n", answerThenClose(port, "*101\r\n"));
            assertEquals("+PONG\r\n", answerThenClose(port, "*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nQUIT\r\n")
                .substring(0, 7));
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldCloseAClientPastTheQueryBufferLimit(BackendKind kind) throws Exception {
        RespServer server = new RespServer(16 * 1024).withInputLimits(1000, 64 * 1024);
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            int port = ((InetSocketAddress) ferry.listen(new InetSocketAddress("127.0.0.1", 0), server).localAddress())
            .getPort();
            StringBuilder partial = new StringBuilder("*100\r\n"); // 100 arguments announced, 10 sent: incomplete
            for (int i = 0; i < 10; i++) {
                partial.append("$10000\r\n").append("x".repeat(10_000)).append("\r\n");
            }
            String answer = answerThenClose(port, partial.toString());
            assertEquals("-ERR Protocol error: query buffer limit of 65536 bytes reached\r\n", answer);
            assertEquals("+PONG\r\n", answerThenClose(port, "*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nQUIT\r\n")
                .substring(0, 7));
        }
    }

    @Test
    void shouldRefuseLimitsThatCannotHoldOneBulk() {
        RespServer server = new RespServer(1024 * 1024);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> server.withInputLimits(10, 1024));
        assertTrue(e.getMessage().contains("query buffer limit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> server.withInputLimits(0, 1L << 30));
    }

    /** Sends {@code request} (keeping the socket open), then reads until the server closes. */
    private static String answerThenClose(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                }
            } catch (SocketException reset) {
                // closed with our bytes unread: what arrived before counts
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
