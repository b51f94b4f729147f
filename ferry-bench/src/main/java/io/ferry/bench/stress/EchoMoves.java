package io.ferry.bench.stress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Client moves against the chaos echo protocol ({@link ServerAct}), on either server style: exact
 * echoes under backpressure, server-side closes, resets and half-closes, and clients that reset in the
 * middle of a stream, half-close, or stop reading and vanish.
 */
final class EchoMoves {
    private static final int MAX_ECHO = 256 * 1024;
    private final SplittableRandom random;
    private final ConnectionGauge live;

    EchoMoves(SplittableRandom random, ConnectionGauge live) {
        this.random = random;
        this.live = live;
    }

    /** Sends a payload in random pieces, each echoed in full before the next, then closes or resets. */
    void roundTrip(InetSocketAddress server) throws ChaosFailure {
        ServerAct act = switch (random.nextInt(3)) {
            case 0 -> ServerAct.ECHO;
            case 1 -> ServerAct.PAUSE_EACH;
            default -> ServerAct.RELEASE_ELSEWHERE;
        };
        byte[] payload = payload(size());
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(act.preamble(0));
            for (int at = 0; at < payload.length; ) {
                int n = Math.min(payload.length - at, 1 + random.nextInt(32 * 1024));
                s.write(payload, at, n);
                s.expect(payload, at, n, act + " echo of bytes " + at + ".." + (at + n) + " from " + server);
                at += n;
            }
            if (random.nextBoolean()) {
                s.reset();
            }
        }
    }

    /** The server closes (orderly) after echoing a count: the echo, then the end of stream. */
    void serverCloses(InetSocketAddress server) throws ChaosFailure {
        byte[] payload = payload(1 + random.nextInt(64 * 1024));
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(ServerAct.CLOSE_AFTER.preamble(payload.length));
            s.write(payload);
            s.expect(payload, 0, payload.length, "echo before the server's close from " + server);
            long extra = s.expectEnd("server's close after its echo on " + server, false);
            if (extra != 0) {
                throw ChaosFailure.broken(extra + " bytes after the echo the server should have closed after");
            }
        }
    }

    /** The server aborts after a count: the client sees a reset or an end, and nothing hangs. */
    void serverAborts(InetSocketAddress server) throws ChaosFailure {
        byte[] payload = payload(1 + random.nextInt(64 * 1024));
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(ServerAct.ABORT_AFTER.preamble(payload.length));
            s.write(payload);
            long echoed = s.expectEnd("server's abort on " + server, true);
            if (echoed != 0) {
                throw ChaosFailure.broken("an aborting server echoed " + echoed + " bytes");
            }
        }
    }

    /** The server half-closes after a count and keeps reading: echo, end of stream, then more bytes go in. */
    void serverShutsOutput(InetSocketAddress server) throws ChaosFailure {
        byte[] payload = payload(1 + random.nextInt(64 * 1024));
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(ServerAct.SHUTDOWN_AFTER.preamble(payload.length));
            s.write(payload);
            s.expect(payload, 0, payload.length, "echo before the server's shutdownOutput from " + server);
            if (s.expectEnd("server's FIN after its echo on " + server, false) != 0) {
                throw ChaosFailure.broken("bytes after the server's FIN");
            }
            s.write(payload(1 + random.nextInt(8 * 1024)));
            s.shutdownOutput();
        }
    }

    /** The client half-closes: everything sent is echoed, then the server closes too. */
    void clientShutsOutput(InetSocketAddress server) throws ChaosFailure {
        byte[] payload = payload(1 + random.nextInt(48 * 1024));
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(ServerAct.ECHO.preamble(0));
            s.write(payload);
            s.shutdownOutput();
            s.expect(payload, 0, payload.length, "echo after the client's shutdownOutput from " + server);
            if (s.expectEnd("server's close after the client's FIN on " + server, false) != 0) {
                throw ChaosFailure.broken("bytes after the whole echo");
            }
        }
    }

    /** The client resets in the middle of a stream, its echo unread. */
    void clientResets(InetSocketAddress server) throws ChaosFailure {
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(ServerAct.values()[random.nextInt(ServerAct.values().length)].preamble(1 << 20));
            s.write(payload(random.nextInt(64 * 1024)));
            s.reset();
        }
    }

    /**
     * The client writes without ever reading until the server's backpressure stalls it, waits a moment,
     * then vanishes (close or reset with unread bytes).
     */
    void neverReads(InetSocketAddress server) throws ChaosFailure {
        try (SocketChannel ch = SocketChannel.open()) {
            live.opened();
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.connect(server);
                ch.configureBlocking(false);
                ch.write(ByteBuffer.wrap(ServerAct.ECHO.preamble(0)));
                ByteBuffer chunk = ByteBuffer.wrap(payload(64 * 1024));
                long budget = 1 + random.nextInt(8 << 20);
                long idleSince = System.nanoTime();
                for (long sent = 0; sent < budget && System.nanoTime() - idleSince < 50_000_000L; ) {
                    chunk.clear();
                    int n = ch.write(chunk);
                    sent += n;
                    if (n > 0) {
                        idleSince = System.nanoTime();
                    } else {
                        LockSupport.parkNanos(1_000_000);
                    }
                }
                LockSupport.parkNanos(random.nextInt(50) * 1_000_000L);
                if (random.nextBoolean()) {
                    ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
            } finally {
                live.closed();
            }
        } catch (IOException e) {
            throw ChaosFailure.broken("a client that never reads could not talk to " + server, e);
        }
    }

    private int size() {
        return random.nextInt(4) == 0 ? 1 + random.nextInt(MAX_ECHO) : 1 + random.nextInt(2048);
    }

    private byte[] payload(int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
