package io.ferry.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop UDP echo load: each client thread (a plain JDK socket connected to the server) keeps
 * {@code window} datagrams in flight and sends the next one for each echo it receives. UDP may drop a
 * datagram: a receive that waits 100 ms sends one more to refill the window, and is counted as lost.
 *
 * @param server  the echo server
 * @param clients client threads
 * @param size    payload bytes per datagram
 * @param window  datagrams in flight per client
 */
public record UdpEchoLoad(InetSocketAddress server, int clients, int size, int window) {
    /** What a run counted. */
    public record Result(long echoed, long lost) {
    }

    /** Drives the server for {@code seconds} and returns the echoes received and the datagrams lost. */
    public Result run(double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong echoed = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().name("udp-load-" + c).start(() -> {
                long[] counts = client(deadline);
                echoed.addAndGet(counts[0]);
                lost.addAndGet(counts[1]);
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(echoed.get(), lost.get());
    }

    private long[] client(long deadline) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0))) {
            s.connect(server);
            s.setSoTimeout(100);
            s.setReceiveBufferSize(1 << 20);
            DatagramPacket out = new DatagramPacket(new byte[size], size);
            DatagramPacket in = new DatagramPacket(new byte[Math.max(size, 1)], Math.max(size, 1));
            for (int i = 0; i < window; i++) {
                s.send(out);
            }
            long echoed = 0;
            long lost = 0;
            while (System.nanoTime() - deadline < 0) {
                try {
                    s.receive(in);
                    echoed++;
                } catch (SocketTimeoutException e) {
                    lost++;
                }
                s.send(out);
            }
            return new long[] {echoed, lost};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
