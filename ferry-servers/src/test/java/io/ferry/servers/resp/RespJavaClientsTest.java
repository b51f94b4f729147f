package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ClientKillParams;
import redis.clients.jedis.params.SetParams;

/**
 * Jedis and Lettuce, left at their default settings (Lettuce opens with HELLO 3 and CLIENT SETINFO; Jedis 8
 * speaks RESP2 and sends nothing before its first command), drive the server on every backend: connect, set
 * and get, binary values,
 * expiry, a pipeline of thousands of commands, a transaction, and carrying on after the server
 * closes the connection (CLIENT KILL from another connection).
 */
@Timeout(60)
class RespJavaClientsTest {
    private static final String BACKENDS = "io.ferry.servers.resp.RespServerFixture#backends";
    private static final int PIPELINED = 5000;

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldServeJedisAtItsDefaults(BackendKind kind) throws Exception {
        try (RespServerFixture server = new RespServerFixture(kind);
             RedisClient jedis = RedisClient.create("127.0.0.1", server.port())) {
            assertEquals("PONG", jedis.ping());
            assertEquals("OK", jedis.set("greeting", "hello"));
            assertEquals("hello", jedis.get("greeting"));
            byte[] binary = allBytes();
            jedis.set("bin".getBytes(StandardCharsets.US_ASCII), binary);
            assertArrayEquals(binary, jedis.get("bin".getBytes(StandardCharsets.US_ASCII)));
            jedis.set("short", "v", SetParams.setParams().ex(100));
            long ttl = jedis.ttl("short");
            assertTrue(ttl > 98 && ttl <= 100, "ttl " + ttl);
            jedis.pexpire("short", 1);
            awaitGone(() -> jedis.get("short"));
            try (Pipeline p = jedis.pipelined()) {
                List<Response<String>> replies = new ArrayList<>();
                for (int i = 0; i < PIPELINED; i++) {
                    p.set("k" + i, "v" + i);
                    replies.add(p.get("k" + i));
                }
                p.sync();
                for (int i = 0; i < PIPELINED; i++) {
                    assertEquals("v" + i, replies.get(i).get());
                }
            }
            try (AbstractTransaction t = jedis.multi()) {
                t.incr("n");
                t.incrBy("n", 10);
                assertEquals(List.of(1L, 11L), t.exec());
            }
            killEveryOtherClient(server);
            assertEquals("hello", retryOnce(() -> jedis.get("greeting")));
        }
    }

    @ParameterizedTest
    @MethodSource(BACKENDS)
    void shouldServeLettuceAtItsDefaults(BackendKind kind) throws Exception {
        try (RespServerFixture server = new RespServerFixture(kind)) {
            io.lettuce.core.RedisClient lettuce =
                io.lettuce.core.RedisClient.create("redis://127.0.0.1:" + server.port());
            try (StatefulRedisConnection<String, String> conn = lettuce.connect();
                 StatefulRedisConnection<byte[], byte[]> raw = lettuce.connect(ByteArrayCodec.INSTANCE)) {
                RedisCommands<String, String> redis = conn.sync();
                assertEquals("PONG", redis.ping());
                assertEquals("OK", redis.set("greeting", "hello"));
                assertEquals("hello", redis.get("greeting"));
                assertNull(redis.get("absent"));
                String me = redis.clientInfo();
                assertTrue(me.contains(" resp=3 lib-name=Lettuce lib-ver="), me); // it opened with HELLO 3
                byte[] binary = allBytes();
                raw.sync().set("bin".getBytes(StandardCharsets.US_ASCII), binary);
                assertArrayEquals(binary, raw.sync().get("bin".getBytes(StandardCharsets.US_ASCII)));
                redis.set("short", "v", SetArgs.Builder.ex(100));
                long ttl = redis.ttl("short");
                assertTrue(ttl > 98 && ttl <= 100, "ttl " + ttl);
                redis.pexpire("short", 1);
                awaitGone(() -> redis.get("short"));
                RedisAsyncCommands<String, String> async = conn.async();
                List<RedisFuture<String>> gets = new ArrayList<>();
                for (int i = 0; i < PIPELINED; i++) {
                    async.set("k" + i, "v" + i);
                    gets.add(async.get("k" + i));
                }
                for (int i = 0; i < PIPELINED; i++) {
                    assertEquals("v" + i, gets.get(i).get(20, TimeUnit.SECONDS));
                }
                assertEquals("OK", redis.multi());
                redis.incr("n");
                redis.incrby("n", 10);
                assertEquals(List.of(1L, 11L), redis.exec().stream().toList());
                killEveryOtherClient(server);
                // Lettuce reconnects by itself; a command written before it saw the close fails once (as with Redis)
                assertEquals("hello", retryOnceLettuce(() -> redis.get("greeting")));
            } finally {
                lettuce.shutdown(0, 2, TimeUnit.SECONDS);
            }
        }
    }

    static byte[] allBytes() {
        byte[] b = new byte[512];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** Polls (bounded) until {@code get} reads nothing: the key's millisecond expiry has passed. */
    static void awaitGone(java.util.function.Supplier<String> get) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (get.get() != null) {
            assertTrue(System.nanoTime() < deadline, "key did not expire");
            Thread.sleep(5);
        }
    }

    /** The server closes every other connection, as an operator's CLIENT KILL does. */
    static void killEveryOtherClient(RespServerFixture server) {
        try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
            long me = admin.clientId();
            String list = admin.clientList();
            int killed = 0;
            for (String line : list.split("\n")) {
                long id = Long.parseLong(line.substring(3, line.indexOf(' ')));
                if (id != me) {
                    assertEquals(1L, admin.clientKill(new ClientKillParams().id(Long.toString(id))));
                    killed++;
                }
            }
            assertTrue(killed > 0, list);
        }
    }

    /** A Lettuce command that raced the server's close fails with the reset; the next one goes on the new link. */
    private static String retryOnceLettuce(java.util.function.Supplier<String> command) {
        try {
            return command.get();
        } catch (io.lettuce.core.RedisException e) {
            return command.get();
        }
    }

    /** Jedis reports a connection the server closed on its next use, and its pool then opens a new one. */
    private static String retryOnce(java.util.function.Supplier<String> command) {
        try {
            return command.get();
        } catch (JedisConnectionException e) {
            return command.get();
        }
    }
}
