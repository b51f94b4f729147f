package io.ferry.bench.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Client connections that stay open while a server's memory is measured: to an echo-like server, each after
 * one 1-byte round trip, so they are fully set up on both sides; to an HTTP server, connected only, or after
 * one {@code GET /plaintext} each. Closing this closes them all.
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
     * Opens {@code count} connections that send nothing, then waits until the server has had time to accept
     * them (the kernel completes a handshake before the server accepts).
     *
     * @param at    the server
     * @param count connections to open
     * @return the open connections
     * @throws IOException when a connection fails; those opened so far are closed
     */
    public static IdleClients connect(InetSocketAddress at, int count) throws IOException {
        IdleClients clients = new IdleClients();
        try {
            for (int i = 0; i < count; i++) {
                clients.open.add(SocketChannel.open(at));
            }
        } catch (IOException | RuntimeException e) {
            clients.close();
            throw e;
        }
        return clients;
    }

    /** Tells when the bytes read so far hold a whole answer. */
    @FunctionalInterface
    public interface Answer {
        /**
         * @param in the bytes read so far, from position to limit
         * @return whether they hold a whole answer
         * @throws IOException when they are not the answer expected
         */
        boolean complete(ByteBuffer in) throws IOException;
    }

    /**
     * Sends {@code request} on every connection, all before reading any answer, then reads each whole answer,
     * leaving the connections open: each has served one request.
     *
     * @param request what to send on each (not consumed: each gets a duplicate)
     * @param answer  when an answer is whole
     * @throws IOException when a connection fails or an answer is not the one expected
     */
    public void requestEach(ByteBuffer request, Answer answer) throws IOException {
        for (SocketChannel ch : open) {
            ByteBuffer b = request.duplicate();
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        ByteBuffer in = ByteBuffer.allocate(4096);
        for (SocketChannel ch : open) {
            in.clear();
            while (true) {
                if (ch.read(in) < 0) {
                    throw new IOException("server closed the connection before answering");
                }
                in.flip();
                if (answer.complete(in)) {
                    break;
                }
                in.compact();
            }
        }
    }

    /**
     * Rounds of {@code perRound} connections that each get one request and close, so a server's
     * first-connection work (class loading, JIT, pools) happens before a measurement without its
     * per-connection tables growing to the measured count.
     *
     * @param at       the server
     * @param rounds   how many rounds
     * @param perRound connections per round
     * @param request  what each sends
     * @param answer   when an answer is whole
     * @throws IOException when a connection fails
     */
    public static void warmUp(InetSocketAddress at, int rounds, int perRound, ByteBuffer request, Answer answer)
        throws IOException {
        for (int r = 0; r < rounds; r++) {
            try (IdleClients round = connect(at, perRound)) {
                round.requestEach(request, answer);
            }
        }
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
