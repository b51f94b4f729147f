package io.ferry.net.blocking;

import io.ferry.Ferry;
import io.ferry.buffer.Buf;
import io.ferry.loop.EventLoop;
import io.ferry.net.DatagramAddress;
import io.ferry.net.DatagramHandler;
import io.ferry.net.DatagramOptions;
import io.ferry.net.DatagramSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A UDP socket used in straight-line style from a (virtual) thread: {@link #receive()} parks until a
 * datagram arrives, {@link #send} hands one to the loop and returns. Underneath is a loop
 * {@link DatagramSocket} whose handler queues each datagram (payload and sender) for the receiver.
 *
 * <pre>{@code
 * try (FerryDatagramSocket s = FerryDatagramSocket.open(ferry, new InetSocketAddress("::1", 9000))) {
 *     for (FerryDatagramSocket.Datagram d; (d = s.receive()) != null; ) {
 *         s.send(d.data(), d.sender());   // echo: ownership moves on
 *     }
 * }
 * }</pre>
 *
 * <p>Datagrams that arrive while {@value #INBOX} are already waiting for the receiver are dropped (UDP
 * semantics) and counted in {@link #droppedDatagrams()}. An error the socket reports (a peer's ICMP port
 * unreachable on a connected socket) is thrown by the next {@link #receive()} or {@link #send}.
 *
 * <p>Threads: any; one receiver at a time. Every method allocates a little (this is not the hot-path API).
 */
public final class FerryDatagramSocket implements AutoCloseable {
    /** Datagrams that may wait for the receiver. */
    public static final int INBOX = 4096;
    /** Marks a wake-up that carries no datagram: an error or the close. */
    private static final Datagram WAKE = new Datagram(null, null, false);
    private final BlockingQueue<Datagram> inbox = new ArrayBlockingQueue<>(INBOX);
    private final DatagramSocket socket;
    private volatile IOException pending;
    private volatile boolean closed;
    private volatile long dropped;

    /**
     * One received datagram.
     *
     * @param data its payload, owned by the receiver (release it or send it on)
     * @param sender who sent it
     * @param truncated whether it was longer than the receive limit and {@code data} holds its beginning
     */
    public record Datagram(Buf data, InetSocketAddress sender, boolean truncated) {
    }

    private FerryDatagramSocket(Ferry ferry, InetSocketAddress local, DatagramOptions options) throws IOException {
        this.socket = ferry.openDatagram(local, options, new Receiver());
    }

    /**
     * Opens an unconnected socket bound to {@code local}.
     *
     * @param ferry the runtime whose loop runs it
     * @param local where to bind (IPv4 or IPv6); port 0 picks a free port
     * @return the open socket
     * @throws IOException when it cannot be bound; the message names the address
     */
    public static FerryDatagramSocket open(Ferry ferry, InetSocketAddress local) throws IOException {
        return new FerryDatagramSocket(ferry, local, DatagramOptions.defaults());
    }

    /**
     * Opens a socket bound to {@code local}, connected when {@code options} name a remote.
     *
     * @param ferry the runtime whose loop runs it
     * @param local where to bind (IPv4 or IPv6); port 0 picks a free port
     * @param options the connected peer, receive limit and send queue
     * @return the open socket
     * @throws IOException when it cannot be bound or connected; the message names the address
     */
    public static FerryDatagramSocket open(Ferry ferry, InetSocketAddress local, DatagramOptions options)
        throws IOException {
        return new FerryDatagramSocket(ferry, local, options);
    }

    /**
     * Parks until a datagram arrives.
     *
     * @return the datagram, or null once the socket is closed (by {@link #close()} or by its runtime's close)
     * @throws IOException the error the socket reported since the last call (its
     *     {@link java.net.PortUnreachableException} on a connected socket whose peer port is closed)
     */
    public Datagram receive() throws IOException {
        try {
            return receive(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("receive interrupted on " + socket.localAddress());
        }
    }

    /**
     * Parks until a datagram arrives or {@code timeout} passes.
     *
     * @param timeout how long to wait, at least 0
     * @param unit the unit of {@code timeout}
     * @return the datagram, or null once the socket is closed
     * @throws SocketTimeoutException when nothing arrived in time (the socket stays usable)
     * @throws IOException the error the socket reported since the last call
     * @throws InterruptedException when the parked thread is interrupted
     */
    public Datagram receive(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        return receive(unit.toNanos(timeout));
    }

    private Datagram receive(long timeoutNanos) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            throwPending();
            if (closed) {
                return null;
            }
            Datagram d = timeoutNanos < 0 ? inbox.take()
                : inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (d == null) {
                throw new SocketTimeoutException("no datagram on " + socket.localAddress() + " within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
            if (d != WAKE) {
                return d;
            }
        }
    }

    private void throwPending() throws IOException {
        IOException e = pending;
        if (e != null) {
            pending = null;
            throw e;
        }
    }

    /**
     * Hands {@code data} to the loop to send to {@code to}; returns without waiting for the kernel.
     *
     * @param data the payload (its readable bytes), owned by the socket from now on
     * @param to the destination (ignored on a connected socket)
     * @throws IllegalArgumentException when the payload is longer than UDP allows (65,507 bytes over IPv4,
     *     65,527 over IPv6); {@code data} is released
     * @throws IOException a {@link SocketException} when the socket is closed, or the error it reported since
     *     the last call
     */
    public void send(Buf data, InetSocketAddress to) throws IOException {
        DatagramAddress dest = to == null ? null : DatagramAddress.of(to);
        try {
            checkSend(data.readableBytes(), to);
        } catch (IOException | RuntimeException e) {
            data.release();
            throw e;
        }
        socket.loop().execute(() -> sendOnLoop(data, dest));
    }

    /**
     * Copies {@code src[off, off+len)} into a pool buffer on the loop and sends it; see
     * {@link #send(Buf, InetSocketAddress)}.
     *
     * @param src the payload's array; free to reuse when this returns
     * @param off the first byte
     * @param len the payload length
     * @param to the destination (null or ignored on a connected socket)
     * @throws IOException as {@link #send(Buf, InetSocketAddress)} throws
     */
    public void send(byte[] src, int off, int len, InetSocketAddress to) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, src.length);
        checkSend(len, to);
        byte[] copy = java.util.Arrays.copyOfRange(src, off, off + len);
        DatagramAddress dest = to == null ? null : DatagramAddress.of(to);
        EventLoop loop = socket.loop();
        loop.execute(() -> {
            Buf b = loop.pool().acquire(copy.length);
            sendOnLoop(b.writeBytes(copy), dest);
        });
    }

    private void checkSend(int length, InetSocketAddress to) throws IOException {
        throwPending();
        if (closed || !socket.isOpen()) {
            throw new SocketException("send on a closed datagram socket " + socket.localAddress());
        }
        InetSocketAddress peer = socket.remoteAddress() != null ? socket.remoteAddress() : to;
        if (peer == null) {
            throw new IllegalArgumentException("send without an address on an unconnected datagram socket "
                + socket.localAddress());
        }
        int max = DatagramOptions.maxPayload(peer.getAddress() instanceof java.net.Inet6Address);
        if (length > max) {
            throw new IllegalArgumentException("datagram of " + length + " bytes is longer than UDP allows to "
                + peer + " (" + max + " bytes)");
        }
    }

    private void sendOnLoop(Buf data, DatagramAddress to) {
        if (!socket.isOpen()) {
            data.release(); // closed since the check: as if dropped on the way
            return;
        }
        if (socket.remoteAddress() != null) {
            socket.send(data);
        } else {
            socket.send(data, to);
        }
    }

    /** {@return the bound address} */
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    /** {@return the connected peer, or null} */
    public InetSocketAddress remoteAddress() {
        return socket.remoteAddress();
    }

    /** {@return the loop that runs the socket} */
    public EventLoop loop() {
        return socket.loop();
    }

    /** {@return datagrams received truncated (longer than the receive limit)} */
    public long truncatedDatagrams() {
        return socket.truncatedDatagrams();
    }

    /** {@return datagrams dropped: received while the inbox was full, or refused by a full send queue} */
    public long droppedDatagrams() {
        return dropped + socket.droppedDatagrams();
    }

    /** {@return false once closed} */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Closes the socket; a parked {@link #receive()} returns null, and datagrams not yet received are released.
     * Any thread; idempotent.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            socket.close();
            inbox.offer(WAKE);
        }
    }

    /** The loop-side handler: queues datagrams and errors for the receiver. */
    private final class Receiver implements DatagramHandler {
        @Override
        public void onDatagram(DatagramSocket s, Buf data, DatagramAddress sender, boolean truncated) {
            if (closed || !inbox.offer(new Datagram(data, sender.toInetSocketAddress(), truncated))) {
                data.release();
                dropped++;
            }
        }

        @Override
        public void onError(DatagramSocket s, IOException error) {
            pending = error;
            inbox.offer(WAKE);
        }

        @Override
        public void onClose(DatagramSocket s) {
            closed = true; // also when the runtime closed it: a woken receiver must not park again
            for (Datagram d; (d = inbox.poll()) != null; ) {
                if (d.data() != null) {
                    d.data().release();
                }
            }
            inbox.offer(WAKE);
        }
    }
}
