package io.ferry.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop echo load generator on plain JDK NIO (one thread, one selector), so it measures the
 * server and not a second copy of Ferry. Each connection keeps {@code depth} messages in flight; a
 * message carries its send time in its first 8 bytes, and the echo's arrival closes its latency
 * sample. Bounded in time: warm-up, then a measured window, then it stops by itself.
 */
public final class EchoLoadGenerator {
    private final InetSocketAddress server;
    private final EchoLoadSpec spec;

    public EchoLoadGenerator(InetSocketAddress server, EchoLoadSpec spec) {
        this.server = server;
        this.spec = spec;
    }

    /** Runs warm-up plus the measured window and returns what was measured. */
    public EchoLoadResult run() throws IOException {
        Histogram latency = new Histogram(3_600_000_000_000L, 3);
        List<Client> clients = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < spec.connections(); i++) {
                clients.add(new Client(SocketChannel.open(server), selector));
            }
            long start = System.nanoTime();
            long measureFrom = start + spec.warmupNanos();
            long end = measureFrom + spec.durationNanos();
            for (Client c : clients) {
                c.fill(start);
            }
            long messages = 0;
            long now = start;
            while (now < end) {
                selector.select(50);
                now = System.nanoTime();
                boolean measuring = now >= measureFrom;
                for (SelectionKey key : selector.selectedKeys()) {
                    Client c = (Client) key.attachment();
                    messages += c.onReady(key, now, measuring ? latency : null, measuring);
                }
                selector.selectedKeys().clear();
            }
            long measuredNanos = Math.max(1, now - measureFrom);
            return new EchoLoadResult(spec, messages, measuredNanos, latency);
        } finally {
            for (Client c : clients) {
                c.close();
            }
        }
    }

    /** One connection: writes messages, reads echoes, matches them in order. */
    private final class Client {
        private final SocketChannel ch;
        private final SelectionKey key;
        private final ByteBuffer out;
        private final ByteBuffer in;
        private final int size = spec.messageSize();
        private int inFlight;
        private long sendTimeOfHead;

        Client(SocketChannel ch, Selector selector) throws IOException {
            this.ch = ch;
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            this.out = ByteBuffer.allocateDirect(size * spec.depth()).order(ByteOrder.LITTLE_ENDIAN);
            this.in = ByteBuffer.allocateDirect(Math.max(64 * 1024, size * spec.depth()))
                .order(ByteOrder.LITTLE_ENDIAN);
            out.flip();
            this.key = ch.register(selector, SelectionKey.OP_READ, this);
        }

        /** Queues messages until {@code depth} are in flight. */
        void fill(long now) throws IOException {
            out.compact();
            while (inFlight < spec.depth() && out.remaining() >= size) {
                int at = out.position();
                out.putLong(now);
                for (int i = 8; i < size; i++) {
                    out.put((byte) (at + i));
                }
                inFlight++;
            }
            out.flip();
            flush();
        }

        private void flush() throws IOException {
            ch.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Returns how many complete echoes arrived (counted only while measuring). */
        int onReady(SelectionKey k, long now, Histogram latency, boolean measuring) throws IOException {
            if (k.isWritable()) {
                flush();
            }
            if (!k.isReadable()) {
                return 0;
            }
            int n = ch.read(in);
            if (n < 0) {
                throw new IOException("server closed a connection during the run");
            }
            in.flip();
            int done = 0;
            while (in.remaining() >= size) {
                long sent = in.getLong(in.position());
                in.position(in.position() + size);
                if (latency != null) {
                    latency.recordValue(Math.max(0, now - sent));
                }
                inFlight--;
                done++;
            }
            in.compact();
            if (done > 0) {
                fill(now);
            }
            return measuring ? done : 0;
        }

        void close() {
            try {
                ch.close();
            } catch (IOException ignored) {
                // best effort at the end of a run
            }
        }
    }
}
