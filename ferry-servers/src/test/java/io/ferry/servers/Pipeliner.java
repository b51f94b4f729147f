package io.ferry.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test client that pipelines many copies of one request on a virtual thread without reading, with
 * small socket buffers so the kernel absorbs little; the test reads (or does not) on its own schedule.
 * Responses are counted by a marker byte that each response carries exactly once.
 */
public final class Pipeliner implements AutoCloseable {
    private static final int BATCH = 100;
    private static final int SOCKET_BUFFER = 64 * 1024;
    private final Socket socket = new Socket();
    private final AtomicLong written = new AtomicLong();
    private final long total;
    private final Thread writer;
    private volatile IOException failure;

    /** Connects to {@code port} and starts writing {@code requests} (a multiple of 100) copies of {@code request}. */
    public Pipeliner(int port, byte[] request, int requests) throws IOException {
        byte[] batch = new byte[request.length * BATCH];
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(request, 0, batch, i * request.length, request.length);
        }
        total = (long) batch.length * (requests / BATCH);
        socket.setReceiveBufferSize(SOCKET_BUFFER);
        socket.setSendBufferSize(SOCKET_BUFFER);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = socket.getOutputStream();
        writer = Thread.ofVirtual().start(() -> {
            try {
                for (long n = 0; n < total; n += batch.length) {
                    out.write(batch);
                    written.addAndGet(batch.length);
                }
            } catch (IOException e) {
                failure = e;
            }
        });
    }

    /** Request bytes the server has taken so far (whole batches). */
    public long written() {
        return written.get();
    }

    /** Request bytes there are to send. */
    public long total() {
        return total;
    }

    /** Waits until the writer has not moved for 300 ms (its sends block, or all are sent). */
    public void awaitStall() throws InterruptedException {
        long last = -1;
        while (written.get() != last) {
            last = written.get();
            Thread.sleep(300);
        }
    }

    /** Reads until {@code expected} responses (one {@code marker} each) arrived, or the connection ends. */
    public int countResponses(int expected, byte marker) {
        byte[] buf = new byte[64 * 1024];
        int seen = 0;
        try {
            InputStream in = socket.getInputStream();
            while (seen < expected) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == marker) {
                        seen++;
                    }
                }
            }
        } catch (IOException e) {
            return seen; // reset by the server: what arrived before counts
        }
        return seen;
    }

    /** Waits for the writer to end; the error that ended it early, or null when it sent everything. */
    public IOException awaitWriter() throws InterruptedException {
        writer.join();
        return failure;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
