package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Command semantics and reply texts match Redis 7 (the expected strings were taken from redis-server 7.0). */
@Timeout(10)
class StringCommandsTest {
    private final RespHarness redis = new RespHarness();

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void shouldSetWithNxAndXx() {
        assertEquals("$-1\r\n+OK\r\n$-1\r\n+OK\r\n$1\r\nc\r\n",
            redis.run("SET k a XX\r\nSET k b NX\r\nSET k x NX\r\nSET k c XX\r\nGET k\r\n"));
        assertEquals("-ERR syntax error\r\n-ERR syntax error\r\n-ERR syntax error\r\n",
            redis.run("SET k v NX XX\r\nSET k v EX\r\nSET k v KEEPTTL EX 1\r\n"));
    }

    @Test
    void shouldExpireKeysSetWithExOrPx() {
        assertEquals("+OK\r\n:10\r\n+OK\r\n:1500\r\n",
            redis.run("SET a 1 EX 10\r\nTTL a\r\nSET b 1 PX 1500\r\nPTTL b\r\n"));
        redis.advanceMillis(1500);
        assertEquals("$1\r\n1\r\n$-1\r\n:-2\r\n", redis.run("GET a\r\nGET b\r\nTTL b\r\n"));
        assertEquals("+OK\r\n+OK\r\n:9\r\n", redis.run("SET a 2 KEEPTTL\r\nSET c 1 PXAT " + (redis.now() + 9000)
            + "\r\nTTL c\r\n"));
        assertEquals(":9\r\n", redis.run("TTL a\r\n")); // 8.5 s left, rounded like Redis
    }

    @Test
    void shouldRefuseInvalidExpireTimes() {
        String invalid = "-ERR invalid expire time in 'set' command\r\n";
        assertEquals(invalid + invalid + "-ERR value is not an integer or out of range\r\n",
            redis.run("SET k v EX 0\r\nSET k v EX 9223372036854775807\r\nSET k v PX 1.5\r\n"));
    }

    @Test
    void shouldIncrementWithRedisErrors() {
        assertEquals(":1\r\n:0\r\n:10\r\n:-90\r\n", redis.run("INCR n\r\nDECR n\r\nINCRBY n 10\r\nDECRBY n 100\r\n"));
        assertEquals("+OK\r\n-ERR value is not an integer or out of range\r\n"
                + "-ERR value is not an integer or out of range\r\n",
            redis.run("SET s 01\r\nINCR s\r\nINCRBY n x\r\n"));
        assertEquals("+OK\r\n-ERR increment or decrement would overflow\r\n-ERR decrement would overflow\r\n",
            redis.run("SET m 9223372036854775807\r\nINCR m\r\nDECRBY m -9223372036854775808\r\n"));
    }

    @Test
    void shouldKeepTheTimeToLiveAcrossIncr() {
        assertEquals("+OK\r\n:6\r\n:100\r\n", redis.run("SET n 5 EX 100\r\nINCR n\r\nTTL n\r\n"));
    }

    @Test
    void shouldExpireWithConditions() {
        assertEquals(":-2\r\n+OK\r\n:-1\r\n:0\r\n:1\r\n:0\r\n:1\r\n:0\r\n:1\r\n:200\r\n",
            redis.run("TTL k\r\nSET k v\r\nTTL k\r\nEXPIRE k 100 XX\r\nEXPIRE k 100 NX\r\nEXPIRE k 300 LT\r\n"
                + "EXPIRE k 50 LT\r\nEXPIRE k 10 GT\r\nEXPIRE k 200 GT\r\nTTL k\r\n"));
        assertEquals(":1\r\n:0\r\n:0\r\n", redis.run("EXPIRE k -1\r\nEXISTS k\r\nEXPIRE k 10\r\n"));
        assertEquals("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n"
                + "-ERR GT and LT options at the same time are not compatible\r\n-ERR Unsupported option XY\r\n",
            redis.run("EXPIRE k 10 NX XX\r\nEXPIRE k 10 GT LT\r\nEXPIRE k 1 XY\r\n"));
    }

    @Test
    void shouldHandleManyKeysAtOnce() {
        assertEquals("+OK\r\n*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n2\r\n:3\r\n:2\r\n:2\r\n:0\r\n",
            redis.run("MSET a 1 b 2\r\nMGET a x b\r\nEXISTS a b a\r\nDBSIZE\r\nDEL a b x\r\nDBSIZE\r\n"));
        assertEquals("-ERR wrong number of arguments for 'mset' command\r\n+OK\r\n:0\r\n",
            redis.run("MSET a 1 b\r\nFLUSHALL\r\nDBSIZE\r\n"));
    }

    @Test
    void shouldWordUnknownCommandsAndWrongArityLikeRedis() {
        assertEquals("-ERR unknown command 'foo', with args beginning with: 'a' 'b' \r\n"
                + "-ERR unknown command 'x', with args beginning with: \r\n"
                + "-ERR wrong number of arguments for 'get' command\r\n"
                + "-ERR wrong number of arguments for 'config|get' command\r\n",
            redis.run("foo a b\r\nx\r\nget\r\nCONFIG GET\r\n"));
        String longArg = "y".repeat(200);
        assertEquals("-ERR unknown command 'foo', with args beginning with: '" + "y".repeat(128) + "' \r\n",
            redis.run("foo " + longArg + " z\r\n"));
    }

    @Test
    void shouldAnswerHandshakeCommands() {
        assertEquals("+PONG\r\n$2\r\nhi\r\n$2\r\nhi\r\n*0\r\n"
                + "*4\r\n$4\r\nsave\r\n$0\r\n\r\n$10\r\nappendonly\r\n$2\r\nno\r\n"
                + "+OK\r\n-ERR DB index is out of range\r\n",
            redis.run("ping\r\nPING hi\r\nECHO hi\r\nCOMMAND DOCS nope\r\nCONFIG GET save appendonly\r\n"
                + "SELECT 0\r\nSELECT 1\r\n"));
    }
}
