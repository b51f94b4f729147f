package io.ferry.backend.nio;

import io.ferry.buffer.Buf;
import io.ferry.net.DatagramAddress;
import io.ferry.net.DatagramOptions;
import io.ferry.spi.DatagramErrors;
import io.ferry.spi.DatagramEvents;
import io.ferry.spi.DatagramIo;
import io.ferry.spi.DatagramOutbox;
import io.ferry.spi.SharedRecvBuffer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * A UDP socket on java.nio's {@link DatagramChannel}: each datagram is received whole into the driver's
 * scratch buffer (one byte longer than the receive limit, so a longer datagram shows as truncated) and
 * copied into the loop's shared receive buffer; sends go out one {@code send} each until the socket buffer
 * is full, then wait for OP_WRITE.
 */
final class NioDatagram implements DatagramIo, NioDriver.NioChannel {
    /** Most datagrams received per readiness before other sockets get a turn. */
    private static final int READ_BUDGET = 64;
    private final NioDriver driver;
    private final DatagramChannel channel;
    private final DatagramEvents events;
    private final SelectionKey key;
    /** The connected peer, or null. */
    private final InetSocketAddress remote;
    private final DatagramAddress sender = new DatagramAddress();
    private final InetSocketAddress local;
    private boolean closed;

    private NioDatagram(NioDriver driver, DatagramChannel channel, DatagramEvents events, InetSocketAddress remote)
        throws IOException {
        this.driver = driver;
        this.channel = channel;
        this.events = events;
        this.remote = remote;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.key = channel.register(driver.selector(), SelectionKey.OP_READ, this);
    }

    static NioDatagram open(NioDriver driver, InetSocketAddress local, DatagramOptions options,
                            DatagramEvents events) throws IOException {
        DatagramChannel ch = DatagramChannel.open(local.getAddress() instanceof java.net.Inet6Address
            ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.configureBlocking(false);
            ch.bind(local);
            if (options.remote() != null) {
                ch.connect(options.remote());
            }
            return new NioDatagram(driver, ch, events, options.remote());
        } catch (IOException | RuntimeException e) {
            NioDriver.closeQuietly(ch);
            throw e;
        }
    }

    @Override
    public void ready(SelectionKey k) throws IOException {
        if (k.isWritable()) {
            k.interestOps(SelectionKey.OP_READ);
            flush();
        }
        if (k.isValid() && k.isReadable()) {
            receive();
        }
    }

    private void receive() {
        int limit = events.receiveLimit();
        ByteBuffer scratch = driver.datagramScratch();
        SharedRecvBuffer recv = driver.recv();
        for (int i = 0; i < READ_BUDGET && !closed; i++) {
            scratch.clear().limit(limit + 1);
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(scratch);
            } catch (IOException e) {
                events.onError(DatagramErrors.failed("receive", local, remote, e));
                continue;
            }
            if (from == null) {
                return;
            }
            int n = Math.min(scratch.position(), limit);
            Buf into = recv.reserveWhole(n);
            ByteBuffer bb = into.nioBuffer(into.writeIndex(), n);
            bb.put(bb.position(), scratch, 0, n);
            events.onDatagram(recv.commit(n), sender.set(from), scratch.position() > limit);
        }
    }

    @Override
    public void flush() {
        if (closed || (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            return;
        }
        DatagramOutbox out = events.outbox();
        while (out.size() > 0) {
            Buf data = out.data(0);
            int length = data.readableBytes();
            ByteBuffer bb = data.nioBuffer(data.readIndex(), length);
            DatagramAddress to = out.destination(0);
            int sent;
            try {
                sent = remote != null || to == null ? channel.write(bb) : channel.send(bb, to.toInetSocketAddress());
            } catch (IOException e) {
                out.removeSent(1);
                events.onError(DatagramErrors.failed("send", local, remote != null || to == null ? remote
                    : to.toInetSocketAddress(), e));
                continue;
            }
            if (sent == 0 && length > 0) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE); // socket buffer full
                return;
            }
            out.removeSent(1);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            key.cancel();
            NioDriver.closeQuietly(channel);
            events.onClosed();
        }
    }

    @Override
    public void abort() {
        close();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }
}
