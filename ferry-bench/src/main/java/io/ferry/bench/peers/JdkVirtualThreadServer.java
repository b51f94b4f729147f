package io.ferry.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The plain JDK as a benchmark peer: {@code java.net.ServerSocket} and one virtual thread per
 * connection (the JDK's own poller underneath). {@code JdkVirtualThreadServer echo|http HOST PORT}
 * prints the same {@code listening on HOST:PORT backend=jdk-vthreads} line as {@code ferry serve},
 * and stops on SIGTERM. {@code http} answers every request (GET /plaintext style, keep-alive,
 * pipelined requests answered with one write per read) with {@code Hello, World!}.
 */
public final class JdkVirtualThreadServer {
    private static final byte[] HELLO = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\n"
        + "Hello, World!").getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 16 * 1024;

    private JdkVirtualThreadServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("echo") || args[0].equals("http"))) {
            System.err.println("usage: JdkVirtualThreadServer echo|http HOST PORT");
            System.exit(2);
        }
        boolean http = args[0].equals("http");
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(args[1], Integer.parseInt(args[2])), 1024);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException e) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        Thread.ofVirtual().name("accept").start(() -> accept(server, http));
        System.out.println("listening on " + args[1] + ":" + server.getLocalPort() + " backend=jdk-vthreads");
        System.out.flush();
        stopped.await();
    }

    private static void accept(ServerSocket server, boolean http) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(s, http));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("accept failed: " + e);
                }
            }
        }
    }

    private static void serve(Socket s, boolean http) {
        try (s) {
            if (http) {
                http(s.getInputStream(), s.getOutputStream());
            } else {
                s.getInputStream().transferTo(s.getOutputStream());
            }
        } catch (IOException e) {
            // the peer went away: the connection ends
        }
    }

    /** Answers each request ended by an empty line; requests are assumed to have no body. */
    private static void http(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        byte[] reply = new byte[HELLO.length * 64];
        int have = 0;
        for (int n; (n = in.read(buf, have, buf.length - have)) > 0; ) {
            have += n;
            int start = 0;
            int replies = 0;
            for (int end; (end = endOfHead(buf, start, have)) >= 0; start = end) {
                if (replies == 64) {
                    out.write(reply, 0, replies * HELLO.length);
                    replies = 0;
                }
                System.arraycopy(HELLO, 0, reply, replies++ * HELLO.length, HELLO.length);
            }
            out.write(reply, 0, replies * HELLO.length);
            System.arraycopy(buf, start, buf, 0, have - start);
            have -= start;
            if (have == buf.length) {
                throw new IOException("request head larger than " + BUFFER + " bytes");
            }
        }
    }

    /** Index just past the first CRLFCRLF in {@code [from, to)}, or -1. */
    private static int endOfHead(byte[] b, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }
}
