package io.ferry.bench.stress;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Client moves against the HTTP/1.1 server: keep-alive requests answered in order, a {@code POST /echo}
 * with {@code Connection: close} read to its end, and a client that resets in the middle of a body
 * (the request that leaked descriptors on io_uring until a timer noticed).
 */
final class HttpMoves {
    private static final String HELLO = "Hello, World!";
    private final SplittableRandom random;
    private final ConnectionGauge live;

    HttpMoves(SplittableRandom random, ConnectionGauge live) {
        this.random = random;
        this.live = live;
    }

    /** A few keep-alive requests, each answered 200 with the right body. */
    void keepAlive(InetSocketAddress server) throws ChaosFailure {
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            for (int i = 1 + random.nextInt(5); i > 0; i--) {
                if (random.nextBoolean()) {
                    s.write(ascii("GET /plaintext HTTP/1.1\r\nHost: chaos\r\n\r\n"));
                    expectResponse(s, HELLO.getBytes(StandardCharsets.US_ASCII), "GET /plaintext");
                } else {
                    byte[] body = body(1 + random.nextInt(16 * 1024));
                    s.write(ascii("POST /echo HTTP/1.1\r\nHost: chaos\r\nContent-Length: " + body.length + "\r\n\r\n"));
                    s.write(body);
                    expectResponse(s, body, "POST /echo of " + body.length + " bytes");
                }
            }
        }
    }

    /** {@code POST /echo} of tens of kilobytes with {@code Connection: close}, read to the end of stream. */
    void echoThenClose(InetSocketAddress server) throws ChaosFailure {
        byte[] body = body(1 + random.nextInt(96 * 1024));
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(ascii("POST /echo HTTP/1.1\r\nHost: chaos\r\nConnection: close\r\nContent-Length: "
                + body.length + "\r\n\r\n"));
            s.write(body);
            expectResponse(s, body, "POST /echo with Connection: close");
            if (s.expectEnd("the server's close after Connection: close", false) != 0) {
                throw ChaosFailure.broken("bytes after a Connection: close response");
            }
        }
    }

    /** Sends the head and part of a large body, then resets. */
    void resetMidBody(InetSocketAddress server) throws ChaosFailure {
        int length = 100_000;
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(ascii("POST /echo HTTP/1.1\r\nHost: chaos\r\nContent-Length: " + length + "\r\n\r\n"));
            s.write(body(random.nextInt(length / 2)));
            if (random.nextBoolean()) {
                s.reset();
            }
        }
    }

    private static void expectResponse(ClientSocket s, byte[] body, String request) throws ChaosFailure {
        String status = s.readLine(request);
        if (status == null || !status.startsWith("HTTP/1.1 200")) {
            throw ChaosFailure.broken(request + " answered '" + status + "'");
        }
        long length = -1;
        for (String line; (line = s.readLine(request)) != null && !line.isEmpty(); ) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        if (length != body.length) {
            throw ChaosFailure.broken(request + " answered Content-Length " + length + ", not " + body.length);
        }
        s.expect(body, 0, body.length, request + " body");
    }

    private byte[] body(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + random.nextInt(26));
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
