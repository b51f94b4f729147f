package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same seeded command sequences sent to redis-server 7 and to Ferry's RESP server, in RESP2 and after
 * {@code HELLO 3} in RESP3: every reply, error texts included, must be byte-identical. The commands are the
 * implemented ones whose replies do not depend on time or hash order (no TTL figures, KEYS, SCAN, INFO, CLIENT
 * ids), with wrong arities, wrong types, bad numbers and transactions mixed in. Replay with
 * {@code -Dferry.test.seed=S}; skipped, saying so, where redis-server is not installed.
 */
@Timeout(120)
class RespDifferentialTest {
    private static final int SEQUENCES = 12;
    private static final int COMMANDS = 150;
    private static final String[] KEYS = {"a", "b", "n", "s"};
    private static final String[] VALUES = {"v", "", "0", "-1", "42", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "1.5", " 1", "x y", "\u00e9"};

    @Test
    void shouldAnswerEveryCommandAsRedisServerDoes() throws Exception {
        RespServerFixture.assumeTool("redis-server");
        long seed = Long.getLong("ferry.test.seed", System.nanoTime());
        int redisPort = freePort();
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind",
            "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--loglevel", "warning",
            "--databases", "1") // Ferry has database 0 only, so SELECT 1 gets Redis's error for that setting
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (RespServerFixture ferry = new RespServerFixture(BackendKind.AUTO)) {
            awaitListening(redisPort);
            for (int s = 0; s < SEQUENCES; s++) {
                boolean resp3 = s % 2 == 1;
                Random random = new Random(seed + s);
                try (Peer theirs = new Peer(redisPort); Peer ours = new Peer(ferry.port())) {
                    theirs.reply("FLUSHALL");
                    ours.reply("FLUSHALL");
                    if (resp3) { // HELLO's reply names each server's version and client id: not compared
                        theirs.reply("HELLO", "3");
                        ours.reply("HELLO", "3");
                    }
                    for (int i = 0; i < COMMANDS; i++) {
                        String[] command = command(random);
                        String expected = theirs.reply(command);
                        String actual = ours.reply(command);
                        int at = i;
                        int sequence = s;
                        assertEquals(expected, actual, () -> "RESP" + (resp3 ? 3 : 2) + " command " + at + " "
                            + String.join(" ", command) + " (seed " + seed + ", sequence " + sequence + ")");
                    }
                }
            }
            ferry.assertQuiescent();
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** One command of the mix: mostly valid, some with the wrong arity, type or number. */
    private static String[] command(Random r) {
        String k = pick(r, KEYS);
        String v = pick(r, VALUES);
        return switch (r.nextInt(34)) {
            case 0 -> new String[] {"SET", k, v};
            case 1 -> new String[] {"SET", k, v, pick(r, new String[] {"NX", "XX", "GET", "KEEPTTL", "EX", "PX"})};
            case 2 -> new String[] {"SET", k, v, "EX", pick(r, new String[] {"100", "0", "-5", "x"})};
            case 3 -> new String[] {"GET", k};
            case 4 -> new String[] {"DEL", k, pick(r, KEYS)};
            case 5 -> new String[] {"EXISTS", k, pick(r, KEYS), k};
            case 6 -> new String[] {"INCR", k};
            case 7 -> new String[] {"DECR", k};
            case 8 -> new String[] {"INCRBY", k, v};
            case 9 -> new String[] {"MSET", k, v, pick(r, KEYS), pick(r, VALUES)};
            case 10 -> new String[] {"MGET", k, pick(r, KEYS), "missing"};
            case 11 -> new String[] {"TYPE", k};
            case 12 -> new String[] {"UNLINK", k};
            case 13 -> new String[] {"EXPIRE", k, pick(r, new String[] {"100", "x"})};
            case 14 -> new String[] {"PERSIST", k};
            case 15 -> new String[] {"DBSIZE"};
            case 16 -> new String[] {"PING"};
            case 17 -> new String[] {"ECHO", v};
            case 18 -> new String[] {"GETEX", k, pick(r, new String[] {"PERSIST", "EX", "FOO"})};
            case 19 -> new String[] {"MULTI"};
            case 20 -> new String[] {"EXEC"};
            case 21 -> new String[] {"DISCARD"};
            case 22 -> new String[] {"SELECT", pick(r, new String[] {"0", "1", "x"})};
            case 23 -> new String[] {pick(r, new String[] {"GET", "SET", "INCR", "MGET", "ECHO"})}; // too few args
            case 24 -> new String[] {"NOSUCH", v};
            case 25 -> new String[] {"CLIENT", "SETNAME", pick(r, new String[] {"app", "a b", ""})};
            case 26 -> new String[] {"CLIENT", "GETNAME"};
            // CLIENT SETINFO is left out: it came with Redis 7.2, and the redis-server here may be 7.0
            case 27 -> new String[] {"SET", k, v, "NX", "GET"};
            case 28 -> new String[] {"SET", k, v, pick(r, new String[] {"EXAT", "PXAT"}),
                pick(r, new String[] {"4102444800", "4102444800000", "0", "x"})}; // 2100-01-01, in s or ms
            case 29 -> new String[] {"KEYS", pick(r, new String[] {k, "nomatch*", "[x"})};
            case 30 -> new String[] {"CONFIG", "GET", pick(r, new String[] {"save", "appendonly", "databases",
                "nosuchparameter"})};
            case 31 -> new String[] {"AUTH", v};
            case 32 -> new String[] {"SET", k, v, "KEEPTTL", "GET"};
            default -> new String[] {"EXISTS"};
        };
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("redis-server did not listen on " + port + " within 10 s");
    }

    /** A connection that sends one command and reads exactly one reply, returned as its raw text. */
    private static final class Peer implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Peer(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        String reply(String... command) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String a : command) {
                byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
                b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                b.writeBytes(bytes);
                b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(b.toByteArray());
            out.flush();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            readValue(reply);
            return reply.toString(StandardCharsets.UTF_8);
        }

        /** Copies one RESP2/RESP3 value (aggregates recursively) into {@code to}. */
        private void readValue(ByteArrayOutputStream to) throws IOException {
            String line = readLine(to);
            assertTrue(!line.isEmpty(), "empty reply line");
            char type = line.charAt(0);
            switch (type) {
                case '$', '=', '!' -> {
                    int n = Integer.parseInt(line.substring(1));
                    if (n >= 0) {
                        to.writeBytes(in.readNBytes(n + 2));
                    }
                }
                case '*', '~', '>' -> repeat(line, 1, to);
                case '%', '|' -> repeat(line, 2, to);
                default -> { } // + - : _ # , ( : one line
            }
        }

        private void repeat(String line, int per, ByteArrayOutputStream to) throws IOException {
            int n = Integer.parseInt(line.substring(1));
            for (int i = 0; i < n * per; i++) {
                readValue(to);
            }
        }

        private String readLine(ByteArrayOutputStream to) throws IOException {
            List<Byte> bytes = new ArrayList<>();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("closed mid-reply");
                }
                bytes.add((byte) c);
            }
            byte[] raw = new byte[bytes.size()];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = bytes.get(i);
            }
            to.writeBytes(raw);
            to.write('\n');
            return new String(raw, StandardCharsets.UTF_8).stripTrailing();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
