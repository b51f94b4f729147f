package io.ferry.bench.soak;

import io.ferry.bench.stress.ChaosFailure;
import io.ferry.bench.stress.ClientSocket;
import io.ferry.bench.stress.ConnectionGauge;
import io.ferry.bench.stress.HttpMoves;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Soak moves against the HTTP server beyond the chaos suite's {@link HttpMoves} (which the soak plays
 * too): pipelined requests, bodies up to the 1 MiB limit, and {@code /files} read at speed or slowly.
 * Each returns the requests it saw answered right. One thread each.
 */
final class HttpSoakMoves {
    private static final byte[] HELLO = Payloads.ascii("Hello, World!");
    private final SplittableRandom random;
    private final ConnectionGauge live;
    private final InetSocketAddress server;
    private final List<String> names = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    /** Reads the files the server serves from {@code root}, to check its answers against. */
    HttpSoakMoves(SplittableRandom random, ConnectionGauge live, InetSocketAddress server, Path root) {
        this.random = random;
        this.live = live;
        this.server = server;
        for (String file : SoakServers.FILES) {
            String name = file.substring(0, file.indexOf(':'));
            try {
                contents.add(Files.readAllBytes(root.resolve(name)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the served file " + name, e);
            }
            names.add(name);
        }
    }

    /** Eight to sixteen {@code GET /plaintext} in one write, answered in order. */
    int pipelined() throws ChaosFailure {
        int requests = 8 + random.nextInt(9);
        byte[] one = Payloads.ascii("GET /plaintext HTTP/1.1\r\nHost: soak\r\n\r\n");
        byte[] batch = new byte[one.length * requests];
        for (int i = 0; i < requests; i++) {
            System.arraycopy(one, 0, batch, i * one.length, one.length);
        }
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(batch);
            for (int i = 0; i < requests; i++) {
                HttpMoves.expectResponse(s, HELLO, "pipelined GET /plaintext " + (i + 1) + " of " + requests);
            }
        }
        return requests;
    }

    /** {@code POST /echo} of 256 KiB to 1 MiB, written while the answer is read. */
    int largeBody() throws ChaosFailure {
        byte[] body = Payloads.letters(random, 256 * 1024 + random.nextInt(768 * 1024 + 1));
        byte[] head = Payloads.ascii("POST /echo HTTP/1.1\r\nHost: soak\r\nContent-Length: " + body.length
            + "\r\n\r\n");
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(head);
            BackgroundWrite write = BackgroundWrite.start(s, body);
            HttpMoves.expectResponse(s, body, "POST /echo of " + body.length + " bytes");
            write.finish("POST /echo body");
        }
        return 1;
    }

    /** {@code GET /files/<name>} of the small or medium file, checked byte for byte. */
    int file() throws ChaosFailure {
        int i = random.nextInt(names.size() - 1);
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(Payloads.ascii("GET /files/" + names.get(i) + " HTTP/1.1\r\nHost: soak\r\n\r\n"));
            HttpMoves.expectResponse(s, contents.get(i), "GET /files/" + names.get(i));
        }
        return 1;
    }

    /** {@code GET /files/<large>} read 4 KiB at a time with a pause after each read: a slow reader. */
    int slowFile() throws ChaosFailure {
        int i = names.size() - 1;
        String what = "slow GET /files/" + names.get(i);
        byte[] content = contents.get(i);
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(Payloads.ascii("GET /files/" + names.get(i) + " HTTP/1.1\r\nHost: soak\r\n\r\n"));
            HttpMoves.expectHead(s, content.length, what);
            s.expectSlowly(content, 0, content.length, 4 * 1024, 1_000_000, what);
        }
        return 1;
    }
}
