package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The server on every backend, driven by redis-cli (plain and --pipe), nc, and hostile raw sockets. */
@Timeout(60)
class RespServerWithRealClientsTest {
    private static final String BACKENDS = "io.ferry.servers.resp.RespServerFixture#backends";

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldAnswerRedisCli(BackendKind kind) throws Exception {
        RespServerFixture.assumeTool("redis-cli");
        try (RespServerFixture server = new RespServerFixture(kind)) {
            assertEquals("PONG\n", server.cli("PING"));
            assertEquals("OK\n", server.cli("SET", "greeting", "hello world"));
            assertEquals("hello world\n", server.cli("GET", "greeting"));
            assertEquals("3\n", server.cli("INCRBY", "n", "3"));
            assertEquals("ERR unknown command 'NOPE', with args beginning with: 'x' \n\n", server.cli("NOPE", "x"));
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldLoadAMassInsertFileThroughRedisCliPipe(BackendKind kind) throws Exception {
        RespServerFixture.assumeTool("redis-cli");
        int keys = 20_000;
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int i = 0; i < keys; i++) {
            String k = "key:" + i;
            String v = "value:" + i;
            String cmd = "*3\r\n$3\r\nSET\r\n$" + k.length() + "\r\n" + k + "\r\n$" + v.length() + "\r\n" + v + "\r\n";
            file.writeBytes(cmd.getBytes(StandardCharsets.US_ASCII));
        }
        try (RespServerFixture server = new RespServerFixture(kind)) {
            String out = RespServerFixture.run(file.toByteArray(), "redis-cli", "-h", "127.0.0.1",
                "-p", String.valueOf(server.port()), "--pipe");
            assertTrue(out.contains("errors: 0, replies: " + keys), out);
            assertEquals(keys + "\n", server.cli("DBSIZE"));
            assertEquals("value:12345\n", server.cli("GET", "key:12345"));
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldAnswerInlineCommandsFromNc(BackendKind kind) throws Exception {
        RespServerFixture.assumeTool("nc");
        try (RespServerFixture server = new RespServerFixture(kind)) {
            assertEquals("+PONG\r\n+OK\r\n$3\r\na b\r\n:1\r\n+OK\r\n",
                server.nc("PING\r\nSET k \"a b\"\r\nGET k\r\nDEL k\r\nQUIT\r\nPING\r\n"));
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldReplyThenCloseOnTruncatedOrMalformedRespFromNc(BackendKind kind) throws Exception {
        RespServerFixture.assumeTool("nc");
        try (RespServerFixture server = new RespServerFixture(kind)) {
            assertEquals("+PONG\r\n-ERR Protocol error: expected '$', got 'G'\r\n",
                server.nc("PING\r\n*2\r\nGET\r\n$1\r\nk\r\nPING\r\n"));
            assertEquals("+PONG\r\n", server.nc("PING\r\n*2\r\n$3\r\nGET\r\n$5\r\nab"));
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldAnswerBinaryGarbageWithAProtocolErrorAndClose(BackendKind kind) throws Exception {
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        garbage[0] = '*';
        garbage[1] = 'z';
        try (RespServerFixture server = new RespServerFixture(kind);
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(garbage);
            byte[] reply = s.getInputStream().readAllBytes(); // ends when the server closes
            assertEquals("-ERR Protocol error: invalid multibulk length\r\n",
                new String(reply, StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldServeAClientSendingOneByteAtATime(BackendKind kind) throws Exception {
        byte[] request = "*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
        try (RespServerFixture server = new RespServerFixture(kind);
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            for (byte b : request) {
                out.write(b);
                out.flush();
                Thread.sleep(20);
            }
            InputStream in = s.getInputStream();
            byte[] expected = "$3\r\nabc\r\n+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
            assertEquals(new String(expected, StandardCharsets.US_ASCII),
                new String(in.readNBytes(expected.length), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldKeepLargeValuesAndPipelinedRepliesIntact(BackendKind kind) throws Exception {
        byte[] value = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(value);
        int gets = 8;
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(("*3\r\n$3\r\nSET\r\n$1\r\nv\r\n$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(value);
        req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < gets; i++) {
            req.writeBytes("GET v\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        try (RespServerFixture server = new RespServerFixture(kind);
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    s.getOutputStream().write(req.toByteArray());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            InputStream in = s.getInputStream();
            assertEquals("+OK\r\n", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
            byte[] header = ("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < gets; i++) {
                assertEquals(new String(header, StandardCharsets.US_ASCII),
                    new String(in.readNBytes(header.length), StandardCharsets.US_ASCII));
                assertTrue(java.util.Arrays.equals(value, in.readNBytes(value.length)), "value " + i);
                assertEquals("\r\n", new String(in.readNBytes(2), StandardCharsets.US_ASCII));
            }
            writer.join();
        }
    }
}
