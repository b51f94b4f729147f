package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.backend.BackendKind;
import io.ferry.servers.PieceWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a long random pipeline of SET/GET/DEL/INCR/MGET/PING/ECHO with binary values, written in random pieces
// while the client reads with random pauses, gets exactly the replies a map predicts, in order, on every backend.
@Timeout(60)
class RandomRespPipelineTest {
    private static final int COMMANDS = 3000;
    private static final String[] VALUES = {"v0", "v1", "v2", "v3", "v4"};
    private static final String[] COUNTERS = {"c0", "c1", "c2"};

    static Stream<Arguments> cases() {
        return RespServerFixture.backends().flatMap(k -> Stream.of(Arguments.of(k, 1L), Arguments.of(k, 2L)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void shouldReplyToARandomPipelineAsAMapPredicts(BackendKind kind, long seed) throws Exception {
        Random random = new Random(seed);
        Map<String, byte[]> model = new HashMap<>();
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        List<Integer> replyEnds = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            names.add(next(random, model, requests, replies));
            replyEnds.add(replies.size());
        }
        byte[] expected = replies.toByteArray();
        try (RespServerFixture fx = new RespServerFixture(kind);
             Socket s = new Socket()) {
            s.setReceiveBufferSize(64 * 1024);
            s.connect(new InetSocketAddress("127.0.0.1", fx.port()));
            PieceWriter writer = new PieceWriter(s, requests.toByteArray(), new Random(seed));
            byte[] got = readWithPauses(s.getInputStream(), expected.length, random);
            int at = Arrays.mismatch(expected, got);
            if (at >= 0) {
                int command = 0;
                while (replyEnds.get(command) <= at) {
                    command++;
                }
                fail("seed " + seed + ": reply " + command + " (" + names.get(command) + ") differs at byte " + at
                    + ": got " + excerpt(got, at) + ", expected " + excerpt(expected, at));
            }
            assertNull(writer.await());
        }
    }

    /** Appends one random command and the reply the model predicts; returns its name for messages. */
    private static String next(Random random, Map<String, byte[]> model, ByteArrayOutputStream requests,
                               ByteArrayOutputStream replies) {
        int pick = random.nextInt(100);
        if (pick < 25) {
            String key = VALUES[random.nextInt(VALUES.length)];
            byte[] value = new byte[random.nextInt(20_000)];
            random.nextBytes(value);
            model.put(key, value);
            command(requests, ascii("SET"), ascii(key), value);
            replies.writeBytes(ascii("+OK\r\n"));
            return "SET " + key + " (" + value.length + " bytes)";
        } else if (pick < 50) {
            String key = random.nextBoolean() ? VALUES[random.nextInt(VALUES.length)]
                : COUNTERS[random.nextInt(COUNTERS.length)];
            command(requests, ascii("GET"), ascii(key));
            bulk(replies, model.get(key));
            return "GET " + key;
        } else if (pick < 60) {
            String key = random.nextBoolean() ? VALUES[random.nextInt(VALUES.length)]
                : COUNTERS[random.nextInt(COUNTERS.length)];
            command(requests, ascii("DEL"), ascii(key));
            replies.writeBytes(ascii(":" + (model.remove(key) == null ? 0 : 1) + "\r\n"));
            return "DEL " + key;
        } else if (pick < 75) {
            String key = COUNTERS[random.nextInt(COUNTERS.length)];
            byte[] old = model.get(key);
            long n = (old == null ? 0 : Long.parseLong(new String(old, StandardCharsets.US_ASCII))) + 1;
            model.put(key, ascii(Long.toString(n)));
            command(requests, ascii("INCR"), ascii(key));
            replies.writeBytes(ascii(":" + n + "\r\n"));
            return "INCR " + key;
        } else if (pick < 85) {
            int count = 1 + random.nextInt(3);
            byte[][] args = new byte[count + 1][];
            args[0] = ascii("MGET");
            replies.writeBytes(ascii("*" + count + "\r\n"));
            for (int k = 1; k <= count; k++) {
                String key = VALUES[random.nextInt(VALUES.length)];
                args[k] = ascii(key);
                bulk(replies, model.get(key));
            }
            command(requests, args);
            return "MGET of " + count;
        } else if (pick < 95) {
            command(requests, ascii("PING"));
            replies.writeBytes(ascii("+PONG\r\n"));
            return "PING";
        }
        byte[] message = new byte[random.nextInt(3000)];
        random.nextBytes(message);
        command(requests, ascii("ECHO"), message);
        bulk(replies, message);
        return "ECHO (" + message.length + " bytes)";
    }

    private static void command(ByteArrayOutputStream out, byte[]... args) {
        out.writeBytes(ascii("*" + args.length + "\r\n"));
        for (byte[] a : args) {
            bulk(out, a);
        }
    }

    private static void bulk(ByteArrayOutputStream out, byte[] value) {
        if (value == null) {
            out.writeBytes(ascii("$-1\r\n"));
            return;
        }
        out.writeBytes(ascii("$" + value.length + "\r\n"));
        out.writeBytes(value);
        out.writeBytes(ascii("\r\n"));
    }

    /** Reads {@code n} bytes (fewer if the connection ends) in random amounts, now and then pausing. */
    private static byte[] readWithPauses(InputStream in, int n, Random random) throws IOException,
        InterruptedException {
        byte[] got = new byte[n];
        int at = 0;
        while (at < n) {
            int r = in.read(got, at, Math.min(n - at, 1 + random.nextInt(64 * 1024)));
            if (r < 0) {
                return Arrays.copyOf(got, at);
            }
            at += r;
            if (random.nextInt(100) == 0) {
                Thread.sleep(random.nextInt(30)); // replies pile up: the server stops reading, then resumes
            }
        }
        return got;
    }

    private static String excerpt(byte[] b, int at) {
        int end = Math.min(b.length, at + 40);
        return at >= b.length ? "(end of stream)"
            : "'" + new String(b, at, end - at, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n") + "'";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
