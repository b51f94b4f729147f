package io.ferry.bench.rate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The real {@link Wire}: plain JDK NIO on one selector (so it measures the server, not another copy
 * of Ferry), {@code TCP_NODELAY}, one request in flight per connection. Waits of a millisecond or
 * more block in {@link Selector#select(long)}. Shorter waits, below what it can express, either spin
 * on {@link Selector#selectNow()} ({@code spin}: exact, for a core of its own) or park for at most
 * {@link #PARK_NANOS} first (the default: on a shared core a spinning generator spends its share of
 * the CPU on nothing and is then descheduled for milliseconds while responses wait, which showed
 * as the servers idling at a tenth of the target rate). Parked, a response is timestamped late by at
 * most the park plus the kernel's timer slack (50 us by default). The generator's own lateness in
 * sending is measured either way ({@link RateResult#generatorLag()}).
 */
public final class NioWire implements Wire {
    /** The longest park of a short wait, which bounds how late a response may be timestamped. */
    public static final long PARK_NANOS = 100_000;
    private final Selector selector;
    private final SocketChannel[] channels;
    private final ByteBuffer[] inputs;
    private final Protocol.ResponseCounter[] counters;
    private final ByteBuffer request;
    private final boolean spin;

    /** Opens {@code connections} connections to {@code server}; {@code spin} spins on short waits. */
    public NioWire(InetSocketAddress server, Protocol protocol, int connections, boolean spin) throws IOException {
        this.spin = spin;
        this.selector = Selector.open();
        this.channels = new SocketChannel[connections];
        this.inputs = new ByteBuffer[connections];
        this.counters = new Protocol.ResponseCounter[connections];
        this.request = protocol.request();
        try {
            for (int c = 0; c < connections; c++) {
                SocketChannel ch = SocketChannel.open(server);
                channels[c] = ch;
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, c);
                inputs[c] = ByteBuffer.allocateDirect(64 * 1024);
                counters[c] = protocol.newCounter();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void send(int c) throws IOException {
        ByteBuffer out = request.duplicate();
        channels[c].write(out);
        if (out.hasRemaining()) { // one small request on an otherwise idle connection: never expected
            throw new IOException("the socket send buffer of connection " + c + " is full");
        }
    }

    @Override
    public void poll(long timeoutNanos, IntConsumer answered) throws IOException {
        int ready;
        if (timeoutNanos >= 1_000_000) {
            ready = selector.select(timeoutNanos / 1_000_000);
        } else {
            if (!spin && timeoutNanos > 0) {
                LockSupport.parkNanos(Math.min(timeoutNanos, PARK_NANOS));
            }
            ready = selector.selectNow();
        }
        if (ready == 0) {
            return;
        }
        for (SelectionKey key : selector.selectedKeys()) {
            int c = (Integer) key.attachment();
            ByteBuffer in = inputs[c];
            if (channels[c].read(in) < 0) {
                throw new IOException("the server closed connection " + c + " during the run");
            }
            in.flip();
            int n = counters[c].consume(in);
            in.compact();
            if (!in.hasRemaining()) {
                throw new IOException("a response over " + in.capacity() + " bytes on connection " + c);
            }
            for (int i = 0; i < n; i++) {
                answered.accept(c);
            }
        }
        selector.selectedKeys().clear();
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel ch : channels) {
            if (ch != null) {
                ch.close();
            }
        }
        selector.close();
    }
}
