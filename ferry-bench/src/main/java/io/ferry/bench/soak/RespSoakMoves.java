package io.ferry.bench.soak;

import io.ferry.bench.stress.ChaosFailure;
import io.ferry.bench.stress.ClientSocket;
import io.ferry.bench.stress.ConnectionGauge;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/**
 * Soak moves against the RESP server. Each client thread writes only its own keys (64 small ones and
 * one large), so the keyspace stays bounded however long the soak runs and every GET has one right
 * answer: the value just set. Each move returns the requests it saw answered right. One thread each.
 */
final class RespSoakMoves {
    private static final byte[] OK = Payloads.ascii("+OK\r\n");
    private static final byte[] CRLF = Payloads.ascii("\r\n");
    private final SplittableRandom random;
    private final ConnectionGauge live;
    private final InetSocketAddress server;
    private final String keyPrefix;

    RespSoakMoves(SplittableRandom random, ConnectionGauge live, InetSocketAddress server, int client) {
        this.random = random;
        this.live = live;
        this.server = server;
        this.keyPrefix = "soak:" + client + ":";
    }

    /** A new connection for one to four SET-then-GET pairs. */
    int setGet() throws ChaosFailure {
        int pairs = 1 + random.nextInt(4);
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            for (int i = 0; i < pairs; i++) {
                String key = smallKey();
                byte[] value = Payloads.letters(random, 1 + random.nextInt(1024));
                s.write(command("SET", key, value));
                s.expect(OK, 0, OK.length, "SET " + key);
                s.write(command("GET", key, null));
                expectBulk(s, value, "GET " + key, false);
            }
        }
        return 2 * pairs;
    }

    /** Sixteen SETs and their GETs in one write, answered in order. */
    int pipelined() throws ChaosFailure {
        int n = 16;
        byte[][] values = new byte[n][];
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            values[i] = Payloads.letters(random, 1 + random.nextInt(256));
            batch.writeBytes(command("SET", keyPrefix + "p" + i, values[i]));
        }
        for (int i = 0; i < n; i++) {
            batch.writeBytes(command("GET", keyPrefix + "p" + i, null));
        }
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(batch.toByteArray());
            for (int i = 0; i < n; i++) {
                s.expect(OK, 0, OK.length, "pipelined SET " + i);
            }
            for (int i = 0; i < n; i++) {
                expectBulk(s, values[i], "pipelined GET " + i, false);
            }
        }
        return 2 * n;
    }

    /** SET of a value of 256 KiB to 1 MiB, then its GET read slowly. */
    int large() throws ChaosFailure {
        String key = keyPrefix + "large";
        byte[] value = Payloads.letters(random, 256 * 1024 + random.nextInt(768 * 1024));
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(command("SET", key, value));
            s.expect(OK, 0, OK.length, "SET of " + value.length + " bytes");
            s.write(command("GET", key, null));
            expectBulk(s, value, "slow GET of " + value.length + " bytes", true);
        }
        return 2;
    }

    /** A SET whose value is cut short, then a reset (SO_LINGER 0). */
    int resetMidCommand() throws ChaosFailure {
        byte[] whole = command("SET", smallKey(), Payloads.letters(random, 64 * 1024));
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(whole, 0, 1 + random.nextInt(whole.length - 1));
            s.reset();
        }
        return 0;
    }

    private String smallKey() {
        return keyPrefix + random.nextInt(64);
    }

    private static void expectBulk(ClientSocket s, byte[] value, String what, boolean slowly) throws ChaosFailure {
        String header = s.readLine(what);
        if (!("$" + value.length).equals(header)) {
            throw ChaosFailure.broken(what + " answered '" + header + "', not a bulk of " + value.length + " bytes");
        }
        if (slowly) {
            s.expectSlowly(value, 0, value.length, 4 * 1024, 1_000_000, what);
        } else {
            s.expect(value, 0, value.length, what);
        }
        s.expect(CRLF, 0, CRLF.length, what + " end");
    }

    /** {@code name key [value]} as a RESP array of bulk strings. */
    private static byte[] command(String name, String key, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Payloads.ascii("*" + (value == null ? 2 : 3) + "\r\n"));
        bulk(out, Payloads.ascii(name));
        bulk(out, Payloads.ascii(key));
        if (value != null) {
            bulk(out, value);
        }
        return out.toByteArray();
    }

    private static void bulk(ByteArrayOutputStream out, byte[] b) {
        out.writeBytes(Payloads.ascii("$" + b.length + "\r\n"));
        out.writeBytes(b);
        out.writeBytes(CRLF);
    }
}
