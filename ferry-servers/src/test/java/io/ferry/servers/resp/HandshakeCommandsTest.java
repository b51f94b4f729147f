package io.ferry.servers.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What clients send while connecting (HELLO, AUTH, CLIENT, SELECT, INFO, COMMAND, CONFIG GET), in RESP2
 * and RESP3, answered as redis-server 7.0 answers (expected texts taken from it; HELLO's version and
 * id are this server's).
 */
@Timeout(10)
class HandshakeCommandsTest {
    private static final String HELLO_TAIL = "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.0.0\r\n"
        + "$5\r\nproto\r\n:%d\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
        + "$7\r\nmodules\r\n*0\r\n";
    private static final String HELLO3 = "%7\r\n" + HELLO_TAIL.formatted(3);
    private static final String HELLO2 = "*14\r\n" + HELLO_TAIL.formatted(2);
    private RespHarness redis = new RespHarness();

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void shouldSwitchProtocolsWithHello() {
        assertEquals(HELLO3 + HELLO2 + "-NOPROTO unsupported protocol version\r\n"
                + "-ERR Protocol version is not an integer or out of range\r\n" + HELLO2,
            redis.run("HELLO 3\r\nHELLO 2\r\nHELLO 4\r\nHELLO x\r\nHELLO\r\n"));
        assertEquals(HELLO3 + "$1\r\na\r\n" + HELLO3 + "-ERR Syntax error in HELLO option 'FOO'\r\n"
                + "-ERR Syntax error in HELLO option 'AUTH'\r\n",
            redis.run("HELLO 3 SETNAME a\r\nCLIENT GETNAME\r\nHELLO 3 AUTH default x\r\nHELLO 3 FOO\r\n"
                + "HELLO 3 AUTH a\r\n"));
    }

    @Test
    void shouldReplyInResp3AfterHello3() {
        redis.run("HELLO 3\r\n");
        assertEquals("_\r\n*2\r\n_\r\n_\r\n+OK\r\n_\r\n%1\r\n$4\r\nsave\r\n$0\r\n\r\n%1\r\n$10\r\nappendonly\r\n"
            + "$2\r\nno\r\n"
                + "%0\r\n:-1\r\n:1\r\n",
            redis.run("GET nokey\r\nMGET a b\r\nSET k v NX\r\nSET k v NX\r\nCONFIG GET save\r\n"
                + "CONFIG GET appendonly\r\nCONFIG GET nothing\r\nTTL k\r\nEXISTS k\r\n"));
        assertEquals("*2\r\n*10\r\n$3\r\nget\r\n:2\r\n~2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n~0\r\n~0\r\n"
            + "*0\r\n*0\r\n_\r\n",
            redis.run("COMMAND INFO get nope\r\n"));
    }

    @Test
    void shouldNameAndDescribeTheClient() {
        assertEquals(":1\r\n$-1\r\n+OK\r\n-ERR Client names cannot contain spaces, newlines or special characters.\r\n"
                + "$1\r\na\r\n+OK\r\n-ERR Unrecognized option 'X'\r\n"
                + "-ERR wrong number of arguments for 'client' command\r\n"
                + "-ERR unknown subcommand 'FOO'. Try CLIENT HELP.\r\n"
                + "-ERR wrong number of arguments for 'client|id' command\r\n",
            redis.run("CLIENT ID\r\nCLIENT GETNAME\r\nCLIENT SETNAME a\r\nCLIENT SETNAME \"a b\"\r\nCLIENT GETNAME\r\n"
                + "CLIENT SETINFO LIB-NAME jedis\r\nCLIENT SETINFO X y\r\nCLIENT\r\nCLIENT FOO\r\nCLIENT ID 1\r\n"));
        String info = redis.run("CLIENT INFO\r\n");
        assertTrue(info.startsWith("$") && info.contains("id=1 addr=127.0.0.1:40000 laddr=127.0.0.1:6379 fd=-1 name=a ")
            && info.contains(" cmd=client|info user=default redir=-1 resp=2 lib-name=jedis lib-ver=\n"), info);
        redis.run("HELLO 3\r\n");
        String list = redis.run("CLIENT LIST\r\n");
        assertTrue(list.startsWith("=") && list.contains("\r\ntxt:id=1 ") && list.contains("resp=3"), list);
    }

    @Test
    void shouldSelectOnlyDatabaseZero() {
        assertEquals("+OK\r\n-ERR DB index is out of range\r\n-ERR value is not an integer or out of range\r\n"
                + "-ERR value is not an integer or out of range\r\n",
            redis.run("SELECT 0\r\nSELECT 1\r\nSELECT x\r\nSELECT 4294967296\r\n"));
    }

    @Test
    void shouldRefuseAuthWithoutAPassword() {
        assertEquals("-ERR AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?\r\n+OK\r\n"
                + "-WRONGPASS invalid username-password pair or user is disabled.\r\n-ERR syntax error\r\n",
            redis.run("AUTH x\r\nAUTH default x\r\nAUTH other x\r\nAUTH a b c\r\n"));
    }

    @Test
    void shouldRequireThePasswordWhenSet() {
        redis.close();
        redis = new RespHarness("sekret");
        assertEquals("-NOAUTH Authentication required.\r\n-NOAUTH Authentication required.\r\n"
                + "-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH "
                + "<user> <pass> option can be used to authenticate the client and select the RESP protocol version "
                + "at the same time\r\n-WRONGPASS invalid username-password pair or user is disabled.\r\n"
                + "-WRONGPASS invalid username-password pair or user is disabled.\r\n"
                + "-ERR wrong number of arguments for 'auth' command\r\n",
            redis.run("PING\r\nGET a\r\nHELLO 3\r\nHELLO 3 AUTH default bad\r\nAUTH bad\r\nAUTH\r\n"));
        assertEquals(HELLO2 + "$1\r\nn\r\n+OK\r\n+OK\r\n"
            + "-WRONGPASS invalid username-password pair or user is disabled.\r\n",
            redis.run("HELLO 2 AUTH default sekret SETNAME n\r\nCLIENT GETNAME\r\nAUTH sekret\r\n"
                + "AUTH default sekret\r\n"
                + "AUTH other sekret\r\n"));
    }

    @Test
    void shouldGiveInfoSections() {
        redis.run("SET a 1\r\nSET b 2 EX 100\r\nGET a\r\nGET zz\r\n");
        assertEquals("$44\r\n# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n\r\n", redis.run("INFO keyspace\r\n"));
        assertEquals("$0\r\n\r\n", redis.run("INFO nosuch\r\n"));
        String all = redis.run("INFO\r\n");
        for (String s : new String[] {"# Server\r\nredis_version:7.0.0\r\n", "\r\n\r\n# Clients\r\n"
            + "connected_clients:1\r\n",
            "# Memory\r\nused_memory:", "# Stats\r\ntotal_connections_received:1\r\ntotal_commands_processed:6\r\n"
                + "keyspace_hits:1\r\nkeyspace_misses:1\r\n", "# Replication\r\nrole:master\r\n",
            "# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n"}) {
            assertTrue(all.contains(s), s + " in " + all);
        }
        redis.run("HELLO 3\r\n");
        assertEquals("=16\r\ntxt:# Keyspace\r\n\r\n", redis.run("FLUSHALL\r\nINFO keyspace\r\n").substring(5));
    }

    @Test
    void shouldAnswerCommandAndConfigQueries() {
        assertEquals(":" + Command.values().length + "\r\n*2\r\n$3\r\nget\r\n*0\r\n"
                + "*4\r\n$9\r\ndatabases\r\n$1\r\n1\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n"
                + "-ERR unknown subcommand 'FOO'. Try COMMAND HELP.\r\n",
            redis.run("COMMAND COUNT\r\nCOMMAND DOCS get nope\r\nCONFIG GET databases maxmemory\r\nCOMMAND FOO\r\n"));
        assertTrue(redis.run("COMMAND\r\n").startsWith("*" + Command.values().length + "\r\n*10\r\n$4\r\n"
            + "ping\r\n:-1\r\n"));
    }
}
