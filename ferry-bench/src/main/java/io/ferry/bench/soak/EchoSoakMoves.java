package io.ferry.bench.soak;

import io.ferry.bench.stress.ChaosFailure;
import io.ferry.bench.stress.ClientSocket;
import io.ferry.bench.stress.ConnectionGauge;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/** Soak moves against the plain echo server; each returns the requests it saw answered right. One thread each. */
final class EchoSoakMoves {
    private final SplittableRandom random;
    private final ConnectionGauge live;
    private final InetSocketAddress server;

    EchoSoakMoves(SplittableRandom random, ConnectionGauge live, InetSocketAddress server) {
        this.random = random;
        this.live = live;
        this.server = server;
    }

    /** A new connection for a few single round trips (connection churn), closed or reset. */
    int churn() throws ChaosFailure {
        int trips = 1 + random.nextInt(4);
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            for (int i = 0; i < trips; i++) {
                byte[] message = Payloads.random(random, 1 + random.nextInt(2048));
                s.write(message);
                s.expect(message, 0, message.length, "echo of " + message.length + " bytes");
            }
            if (random.nextBoolean()) {
                s.reset();
            }
        }
        return trips;
    }

    /** Sixteen messages in one write, their echoes read back together. */
    int pipelined() throws ChaosFailure {
        int messages = 16;
        byte[] batch = Payloads.random(random, messages * (16 + random.nextInt(512)));
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(batch);
            s.expect(batch, 0, batch.length, "echo of " + messages + " pipelined messages");
        }
        return messages;
    }

    /** A payload of up to 1 MiB, written while its echo is read slowly. */
    int large() throws ChaosFailure {
        byte[] payload = Payloads.random(random, 256 * 1024 + random.nextInt(768 * 1024));
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            BackgroundWrite write = BackgroundWrite.start(s, payload);
            s.expectSlowly(payload, 0, payload.length, 8 * 1024, 1_000_000, "slow read of a large echo");
            write.finish("large echo");
        }
        return 1;
    }

    /** Bytes sent, the echo left unread, then a reset (SO_LINGER 0). */
    int resetMidRequest() throws ChaosFailure {
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(Payloads.random(random, 1 + random.nextInt(64 * 1024)));
            s.reset();
        }
        return 0;
    }
}
