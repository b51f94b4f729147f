package io.ferry.bench.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Client connections to an echo-like server that each did one 1-byte round trip, so they are
 * fully set up on both sides, and then stay open: what idle-memory measurements hold open.
 * Closing this closes them all.
 *
 * <p>Threads: one thread.
 */
public final class IdleClients implements AutoCloseable {
    private final List<SocketChannel> open = new ArrayList<>();

    /**
     * Opens {@code count} connections, one after the other, each after its round trip.
     *
     * @param at    the server
     * @param count connections to open
     * @return the open connections
     * @throws IOException when a connection fails; those opened so far are closed
     */
    public static IdleClients open(InetSocketAddress at, int count) throws IOException {
        IdleClients clients = new IdleClients();
        try {
            for (int i = 0; i < count; i++) {
                clients.open.add(pingOnce(at));
            }
        } catch (IOException | RuntimeException e) {
            clients.close();
            throw e;
        }
        return clients;
    }

    /**
     * A hundred connections opened, pinged and closed, so the server's first-connection work (class
     * loading, JIT, pools) happens before a measurement.
     *
     * @param at the server
     * @throws IOException when a connection fails
     */
    public static void warmUp(InetSocketAddress at) throws IOException {
        for (int i = 0; i < 100; i++) {
            pingOnce(at).close();
        }
    }

    /**
     * Sends the same bytes on every connection (blocking writes, small enough to fit the socket buffers).
     *
     * @param bytes what to send on each
     * @throws IOException when a write fails
     */
    public void sendToEach(byte[] bytes) throws IOException {
        for (SocketChannel ch : open) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /** {@return the number of open connections} */
    public int size() {
        return open.size();
    }

    /** Connects and does one 1-byte echo, so the connection is fully established on both sides. */
    private static SocketChannel pingOnce(InetSocketAddress at) throws IOException {
        SocketChannel ch = SocketChannel.open(at);
        try {
            ch.write(ByteBuffer.wrap(new byte[] {42}));
            ByteBuffer one = ByteBuffer.allocate(1);
            while (one.hasRemaining()) {
                if (ch.read(one) < 0) {
                    throw new IOException("server closed the connection");
                }
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (SocketChannel ch : open) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        open.clear();
    }
}
