package io.ferry.bench.stress;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Client moves against the HTTP/1.1 server: keep-alive requests answered in order, a {@code POST /echo}
 * with {@code Connection: close} read to its end, and a client that resets in the middle of a body
 * (the request that leaked descriptors on io_uring until a timer noticed). {@code ferry soak} plays them too.
 *
 * <p>One thread per instance.
 */
public final class HttpMoves {
    private static final String HELLO = "Hello, World!";
    private final SplittableRandom random;
    private final ConnectionGauge live;

    /** Moves drawing from {@code random}, counting their sockets in {@code live}. */
    public HttpMoves(SplittableRandom random, ConnectionGauge live) {
        this.random = random;
        this.live = live;
    }

    /** A few keep-alive requests, each answered 200 with the right body; returns how many. */
    public int keepAlive(InetSocketAddress server) throws ChaosFailure {
        int requests = 1 + random.nextInt(5);
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            for (int i = requests; i > 0; i--) {
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
        return requests;
    }

    /** {@code POST /echo} of tens of kilobytes with {@code Connection: close}, read to the end of stream. */
    public void echoThenClose(InetSocketAddress server) throws ChaosFailure {
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
    public void resetMidBody(InetSocketAddress server) throws ChaosFailure {
        int length = 100_000;
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(ascii("POST /echo HTTP/1.1\r\nHost: chaos\r\nContent-Length: " + length + "\r\n\r\n"));
            s.write(body(random.nextInt(length / 2)));
            if (random.nextBoolean()) {
                s.reset();
            }
        }
    }

    /** Reads one response to {@code request}: 200, a Content-Length of {@code body}'s, then exactly {@code body}. */
    public static void expectResponse(ClientSocket s, byte[] body, String request) throws ChaosFailure {
        expectHead(s, body.length, request);
        s.expect(body, 0, body.length, request + " body");
    }

    /** Reads the head of one response to {@code request}: status 200 and a Content-Length of {@code length}. */
    public static void expectHead(ClientSocket s, long length, String request) throws ChaosFailure {
        String status = s.readLine(request);
        if (status == null || !status.startsWith("HTTP/1.1 200")) {
            throw ChaosFailure.broken(request + " answered '" + status + "'");
        }
        long declared = -1;
        for (String line; (line = s.readLine(request)) != null && !line.isEmpty(); ) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                declared = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        if (declared != length) {
            throw ChaosFailure.broken(request + " answered Content-Length " + declared + ", not " + length);
        }
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
