package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: replies queued for a client that does not take them are bounded (Redis's client-output-buffer-limit for
// normal clients): past the hard limit the client is disconnected at once, over the soft limit for its duration too,
// and its memory comes back, while other clients are served; a client that pipelines and reads slowly is throttled
// (the server stops reading it) and gets every reply in full and in order; on every backend.
@Timeout(60)
class RespOutputLimitsTest {
    private static final String BACKENDS = "io.ferry.servers.resp.RespServerFixture#backends";
    private static final int VALUE_SIZE = 10 * 1024;
    private static final long MIB = 1024 * 1024;
    private static final long SETTLE_NANOS = 10_000_000_000L;
    private static final String STAT = "client_output_buffer_limit_disconnections:";

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldDisconnectAClientPastTheHardLimit(BackendKind kind) throws Exception {
        RespServer server = new RespServer(RespServer.DEFAULT_MAX_BULK).withOutputLimits(MIB, 0, 0);
        try (RespServerFixture fx = new RespServerFixture(kind, server)) {
            setValues(fx.port(), 1);
            assertTrue(fx.awaitConnections(0, SETTLE_NANOS));
            long baseline = fx.bytesInUse();
            try (Socket greedy = unreadClient(fx.port())) {
                OutputStream out = greedy.getOutputStream();
                try {
                    for (int i = 0; i < 10; i++) {
                        out.write(mget(1000)); // a 10 MB reply each, ten times: no reading
                    }
                } catch (SocketException reset) {
                    // disconnected before the last was sent
                }
                assertEquals("1", awaitDisconnections(fx.port(), "1"), "the client past the hard limit is still "
                    + "connected; " + fx.bytesInUse() + " bytes in use; " + fx.poolStats());
                assertTrue(fx.awaitConnections(0, SETTLE_NANOS), fx.poolStats());
                assertTrue(fx.bytesInUse() <= baseline, fx.bytesInUse() + " bytes in use after the disconnect, "
                    + baseline + " before; " + fx.poolStats());
                assertTrue(drain(greedy) < 1000L * VALUE_SIZE, "the dropped reply reached the client whole");
            }
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldDisconnectAClientOverTheSoftLimitForItsDuration(BackendKind kind) throws Exception {
        RespServer server = new RespServer(RespServer.DEFAULT_MAX_BULK).withOutputLimits(64 * MIB, 256 * 1024, 1);
        try (RespServerFixture fx = new RespServerFixture(kind, server)) {
            setValues(fx.port(), 1);
            try (Socket stalled = unreadClient(fx.port())) {
                stalled.getOutputStream().write(mget(1000)); // 10 MB: under the hard limit, over the soft one
                assertEquals("1", awaitDisconnections(fx.port(), "1"), "the client over the soft limit is still "
                    + "connected; " + fx.bytesInUse() + " bytes in use; " + fx.poolStats());
                assertTrue(fx.awaitConnections(0, SETTLE_NANOS), fx.poolStats());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldKeepAClientThatTakesABigReplyInTime(BackendKind kind) throws Exception {
        RespServer server = new RespServer(RespServer.DEFAULT_MAX_BULK).withOutputLimits(64 * MIB, 256 * 1024, 2);
        try (RespServerFixture fx = new RespServerFixture(kind, server)) {
            byte[][] values = setValues(fx.port(), 1);
            try (Socket reader = unreadClient(fx.port())) {
                reader.getOutputStream().write(mget(1000)); // 10 MB: more than the kernel takes, over the soft limit
                Thread.sleep(200); // a client slow to start reading: the server sees the reply queued over the limit
                DataInputStream in = new DataInputStream(reader.getInputStream());
                byte[] header = new byte[7];
                in.readFully(header);
                assertEquals("*1000\r\n", new String(header, StandardCharsets.US_ASCII));
                byte[] expected = reply(0, values);
                for (int i = 0; i < 1000; i++) {
                    byte[] got = new byte[expected.length];
                    in.readFully(got);
                    assertArrayEquals(expected, got, "value " + i);
                }
                Thread.sleep(2500); // past the soft limit's duration, with nothing queued
                reader.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("+PONG\r\n", new String(in.readNBytes(7), StandardCharsets.US_ASCII));
                assertEquals("0", stat(fx.port()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldThrottleAPipeliningClientThatReadsSlowly(BackendKind kind) throws Exception {
        RespServer server = new RespServer(RespServer.DEFAULT_MAX_BULK).withOutputLimits(MIB, 256 * 1024, 1);
        int requests = 3000; // about 45 MB of replies, far past both limits were they queued
        try (RespServerFixture fx = new RespServerFixture(kind, server)) {
            byte[][] values = setValues(fx.port(), 8);
            try (Socket slow = unreadClient(fx.port())) {
                AtomicReference<Throwable> failure = new AtomicReference<>();
                OutputStream out = slow.getOutputStream();
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < requests; i++) {
                            out.write(request(i));
                        }
                    } catch (IOException e) {
                        failure.set(e);
                    }
                });
                assertEquals("+PONG\r\n", answer(fx.port(), "*1\r\n$4\r\nPING\r\n", 7)); // served meanwhile
                DataInputStream in = new DataInputStream(slow.getInputStream());
                for (int i = 0; i < requests; i++) {
                    byte[] expected = reply(i, values);
                    byte[] got = new byte[expected.length];
                    in.readFully(got);
                    assertArrayEquals(expected, got, "reply " + i);
                    if (i % 64 == 0) {
                        Thread.sleep(2); // a slow reader: the replies pile up on the server meanwhile
                    }
                }
                writer.join();
                assertNull(failure.get());
                assertEquals("0", stat(fx.port()));
            }
        }
    }

    @Test
    void shouldStopBuildingAReplyPastTheHardLimit() {
        try (RespHarness redis = new RespHarness(null, new OutputLimits(MIB, 0, 0))) {
            redis.run("SET k0 " + "v".repeat(VALUE_SIZE) + "\r\n");
            int reply = redis.run("MGET" + " k0".repeat(1000) + "\r\n").length(); // 10 MB were it whole
            assertTrue(reply <= MIB + 2 * VALUE_SIZE, reply + " bytes built past a hard limit of " + MIB);
        }
    }

    @Test
    void shouldGiveTheLimitsToConfigGet() {
        try (RespHarness redis = new RespHarness(null, new OutputLimits(MIB, 1024, 5))) {
            assertEquals("*2\r\n$26\r\nclient-output-buffer-limit\r\n$21\r\nnormal 1048576 1024 5\r\n",
                redis.run("CONFIG GET client-output*\r\n"));
        }
    }

    @Test
    void shouldRefuseNegativeLimits() {
        RespServer server = new RespServer(RespServer.DEFAULT_MAX_BULK);
        assertThrows(IllegalArgumentException.class, () -> server.withOutputLimits(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> server.withOutputLimits(0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> server.withOutputLimits(0, 1, -1));
    }

    /** Even requests GET one key, odd ones MGET two. */
    private static byte[] request(int i) {
        String k = "k" + i % 8;
        String cmd = i % 2 == 0 ? "*2\r\n$3\r\nGET\r\n$2\r\n" + k + "\r\n"
            : "*3\r\n$4\r\nMGET\r\n$2\r\n" + k + "\r\n$2\r\nk" + (i + 1) % 8 + "\r\n";
        return cmd.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] reply(int i, byte[][] values) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        if (i % 2 == 0) {
            bulk(r, values[i % 8]);
        } else {
            r.writeBytes("*2\r\n".getBytes(StandardCharsets.US_ASCII));
            bulk(r, values[i % 8]);
            bulk(r, values[(i + 1) % 8]);
        }
        return r.toByteArray();
    }

    private static void bulk(ByteArrayOutputStream r, byte[] value) {
        r.writeBytes(("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        r.writeBytes(value);
        r.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** MGET of key k0, {@code keys} times. */
    private static byte[] mget(int keys) {
        StringBuilder b = new StringBuilder("*" + (keys + 1) + "\r\n$4\r\nMGET\r\n");
        for (int i = 0; i < keys; i++) {
            b.append("$2\r\nk0\r\n");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Sets k0..k(n-1) to distinct 10 KB values and returns them. */
    private static byte[][] setValues(int port, int n) throws IOException {
        byte[][] values = new byte[n][];
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < n; i++) {
                values[i] = new byte[VALUE_SIZE];
                Arrays.fill(values[i], (byte) ('a' + i));
                out.write(("*3\r\n$3\r\nSET\r\n$2\r\nk" + i + "\r\n$" + VALUE_SIZE + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                out.write(values[i]);
                out.write(new byte[] {'\r', '\n'});
            }
            byte[] oks = s.getInputStream().readNBytes(5 * n);
            assertEquals("+OK\r\n".repeat(n), new String(oks, StandardCharsets.US_ASCII));
        }
        return values;
    }

    /** A client with small socket buffers, so the kernels absorb little of what the server sends it. */
    private static Socket unreadClient(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(64 * 1024);
        s.setSendBufferSize(64 * 1024);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout(10_000);
        return s;
    }

    /** Asks INFO (bounded by {@link #SETTLE_NANOS}) until the count of output-limit disconnections is {@code n}. */
    private static String awaitDisconnections(int port, String n) throws Exception {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        String seen = stat(port);
        while (!seen.equals(n) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
            seen = stat(port);
        }
        return seen;
    }

    /** The server's count of output-limit disconnections, from INFO stats on a fresh connection. */
    private static String stat(int port) throws IOException {
        String info = answerUntil(port, "*2\r\n$4\r\nINFO\r\n$5\r\nstats\r\n", STAT);
        int at = info.indexOf(STAT) + STAT.length();
        return info.substring(at, info.indexOf('\r', at));
    }

    private static String answer(int port, String request, int length) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readNBytes(length), StandardCharsets.US_ASCII);
        }
    }

    /** Reads the answer to {@code request} until it holds {@code field} and the line after it ends. */
    private static String answerUntil(int port, String request, String field) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder got = new StringBuilder();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
                int at = got.indexOf(field);
                if (at >= 0 && got.indexOf("\r\n", at) >= 0) {
                    return got.toString();
                }
            }
            throw new AssertionError("no " + field + " in " + got);
        }
    }

    /** Reads until the server closes (or resets); returns the bytes that came. */
    private static long drain(Socket s) {
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try {
            InputStream in = s.getInputStream();
            for (int r; (r = in.read(buf)) > 0; ) {
                n += r;
            }
        } catch (IOException reset) {
            // aborted with our bytes unread: what came before counts
        }
        return n;
    }
}
