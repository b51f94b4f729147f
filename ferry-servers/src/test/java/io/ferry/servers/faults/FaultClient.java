package io.ferry.servers.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * One client of the fault schedule: a bounded number of exchanges, one at a time or in pipelined batches of up
 * to {@value #MAX_DEPTH}, each answer checked byte for byte and in order. When the server closes or resets the
 * connection (a faulted connection may end), the client counts it, opens a new one and goes on with the next
 * exchanges; a wrong answer fails at once, and so does a server that neither answers nor closes within
 * {@value #READ_TIMEOUT_MILLIS} ms.
 */
final class FaultClient {
    static final int MAX_DEPTH = 6;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int SLOW_ONE_IN = 8;
    private final int port;
    private final BiFunction<Random, String, Exchange> protocol;
    private int answered;
    private int closes;

    FaultClient(int port, BiFunction<Random, String, Exchange> protocol) {
        this.port = port;
        this.protocol = protocol;
    }

    /**
     * Runs {@code count} exchanges tagged {@code name}, until done or {@code deadlineNanos}.
     *
     * @param pipelined batches of 1 to {@value #MAX_DEPTH} requests written at once, else one at a time
     */
    void run(String name, long seed, int count, boolean pipelined, long deadlineNanos)
        throws IOException, InterruptedException {
        Random random = new Random(seed);
        Socket socket = null;
        InputStream in = null;
        try {
            for (int i = 0; i < count && System.nanoTime() - deadlineNanos < 0; ) {
                if (socket == null) {
                    try {
                        socket = connect();
                    } catch (SocketException reset) {
                        closes++; // reset at once by a fault on its first receive; the deadline bounds the retries
                        continue;
                    }
                    in = new BufferedInputStream(socket.getInputStream(), 8192);
                }
                int depth = pipelined ? 1 + random.nextInt(MAX_DEPTH) : 1;
                List<Exchange> batch = new ArrayList<>();
                for (int k = 0; k < depth; k++) {
                    batch.add(protocol.apply(random, name + "-" + (i + k)));
                }
                i += depth;
                int pause = random.nextInt(SLOW_ONE_IN) == 0 ? random.nextInt(20) : 0;
                if (!exchange(socket, in, batch, pause)) {
                    closes++;
                    socket = null;
                }
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** Exchanges answered in full. */
    int answered() {
        return answered;
    }

    /** Connections the server closed or reset under this client. */
    int closes() {
        return closes;
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        s.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        return s;
    }

    /**
     * Writes the batch (from a virtual thread, so that a large pipeline cannot deadlock against unread answers),
     * waits {@code pauseMillis}, and checks its answers: false, with the socket closed, when the connection ended
     * first.
     */
    private boolean exchange(Socket socket, InputStream in, List<Exchange> batch, int pauseMillis)
        throws IOException, InterruptedException {
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        batch.forEach(e -> requests.writeBytes(e.request()));
        Thread writer = Thread.startVirtualThread(() -> {
            try {
                socket.getOutputStream().write(requests.toByteArray());
            } catch (IOException ended) {
                // the reader sees the end too, and counts it
            }
        });
        boolean done = false;
        try {
            Thread.sleep(pauseMillis); // a slow reader now and then: answers pile up, the server may pause reading
            for (Exchange e : batch) {
                e.check(in);
                answered++;
            }
            done = true;
        } catch (EOFException | SocketException ended) {
            return false;
        } finally {
            if (!done) {
                socket.close(); // ends a writer still blocked, and the connection
            }
            writer.join();
        }
        return true;
    }
}
