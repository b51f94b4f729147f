package io.ferry.bench.rate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.IntConsumer;

/**
 * The real {@link Wire}: plain JDK NIO on one selector (so it measures the server, not another copy
 * of Ferry), {@code TCP_NODELAY}, one request in flight per connection. Waits shorter than a
 * millisecond, below what {@link Selector#select(long)} can express, spin on
 * {@link Selector#selectNow()}, so a request is not sent up to a millisecond late; the generator's
 * own lateness is measured anyway ({@link RateResult#generatorLag()}).
 */
public final class NioWire implements Wire {
    private final Selector selector;
    private final SocketChannel[] channels;
    private final ByteBuffer[] inputs;
    private final Protocol.ResponseCounter[] counters;
    private final ByteBuffer request;

    /** Opens {@code connections} connections to {@code server}. */
    public NioWire(InetSocketAddress server, Protocol protocol, int connections) throws IOException {
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
        int ready = timeoutNanos < 1_000_000 ? selector.selectNow() : selector.select(timeoutNanos / 1_000_000);
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
