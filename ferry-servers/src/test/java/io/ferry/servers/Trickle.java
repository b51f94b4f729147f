package io.ferry.servers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Many loopback connections, each sending one byte of an incomplete request per second from one client
 * thread (non-blocking channels, no thread per connection), while a probe client sends complete requests
 * on its own connection and times each answer; for the tests that memory stays bounded and other clients
 * are served promptly meanwhile.
 */
public final class Trickle implements AutoCloseable {
    /** Descriptors the test needs beyond both ends of every trickling connection (JVM, probe, pools). */
    private static final int SPARE_DESCRIPTORS = 2_000;
    private final List<SocketChannel> peers = new ArrayList<>();

    /**
     * Opens {@code count} connections to {@code port}; skips the test (with the reason) when the process may
     * not open a descriptor for both ends of each.
     */
    public Trickle(int port, int count) throws IOException {
        assumeDescriptors(2 * count + SPARE_DESCRIPTORS);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel ch = SocketChannel.open(server);
                ch.configureBlocking(false);
                peers.add(ch);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static void assumeDescriptors(int needed) throws IOException {
        long max = openFilesLimit();
        assumeTrue(max >= needed, "the descriptor limit is " + max + " (ulimit -Hn; the JVM raises the soft limit"
            + " to it), this test needs " + needed + ": raise the hard limit to run it");
    }

    /** This process's limit on open descriptors now (the soft one, which the JVM raised to the hard one). */
    private static long openFilesLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return -1;
    }

    /**
     * Sends byte {@code s} of {@code request} on every connection in second {@code s}, for {@code seconds}
     * seconds (fewer than the request's length, so it stays incomplete), sampling {@code sample} after each
     * round.
     *
     * @return the largest sample
     */
    public long trickle(byte[] request, int seconds, LongSupplier sample) throws IOException, InterruptedException {
        if (seconds >= request.length) {
            throw new IllegalArgumentException("the request must stay incomplete");
        }
        long most = sample.getAsLong();
        long start = System.nanoTime();
        ByteBuffer one = ByteBuffer.allocateDirect(1);
        for (int s = 0; s < seconds; s++) {
            for (SocketChannel ch : peers) {
                one.clear().put(request[s]).flip();
                if (ch.write(one) != 1) { // a byte into an empty socket buffer always fits
                    throw new IOException("could not send one byte on " + ch);
                }
            }
            long next = start + TimeUnit.SECONDS.toNanos(s + 1);
            for (long left; (left = next - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, 250_000_000L)); // pacing, one byte per second
                most = Math.max(most, sample.getAsLong());
            }
        }
        return Math.max(most, sample.getAsLong());
    }

    /** Closes every trickling connection. */
    @Override
    public void close() throws IOException {
        for (SocketChannel ch : peers) {
            ch.close();
        }
        peers.clear();
    }

    /** Reads one complete answer from {@code in}, failing on end of stream. */
    @FunctionalInterface
    public interface Answer {
        /** Reads one answer. */
        void read(InputStream in) throws IOException;
    }

    /**
     * A client that sends {@code request} on one connection and reads its {@link Answer}, again and again
     * (20 ms apart) until stopped, and records the slowest answer.
     */
    public static final class Probe implements AutoCloseable {
        private static final int MAX_REQUESTS = 10_000;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final CompletableFuture<long[]> result;

        /** Starts probing {@code port} on a thread of its own. */
        public Probe(int port, byte[] request, Answer answer) {
            result = CompletableFuture.supplyAsync(() -> run(port, request, answer), r -> Thread.ofPlatform()
                .name("probe").daemon().start(r));
        }

        private long[] run(int port, byte[] request, Answer answer) {
            long slowest = 0;
            int n = 0;
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(5_000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                for (; n < MAX_REQUESTS && !stop.get(); n++) {
                    long t0 = System.nanoTime();
                    out.write(request);
                    out.flush();
                    answer.read(in);
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                throw new IllegalStateException("probe request " + n + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new long[] {n, slowest};
        }

        /**
         * Stops probing; returns {@code {requests answered, slowest answer in nanoseconds}}, failing if
         * any request failed.
         */
        public long[] stop() throws Exception {
            stop.set(true);
            return result.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            stop.set(true);
        }
    }
}
