package io.ferry.backend.epoll;

import io.ferry.buffer.Buf;
import io.ferry.linux.Epoll;
import io.ferry.linux.Errno;
import io.ferry.linux.InetSockAddr;
import io.ferry.linux.LibC;
import io.ferry.linux.MMsgHdr;
import io.ferry.linux.MultiMsg;
import io.ferry.linux.SockAddr;
import io.ferry.linux.SocketConstants;
import io.ferry.linux.Sockets;
import io.ferry.net.DatagramAddress;
import io.ferry.net.DatagramOptions;
import io.ferry.spi.DatagramErrors;
import io.ferry.spi.DatagramEvents;
import io.ferry.spi.DatagramIo;
import io.ferry.spi.DatagramOutbox;
import io.ferry.spi.SharedRecvBuffer;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A UDP socket on edge-triggered epoll. Receiving: each edge drains the socket with {@code recvmmsg} into the
 * driver's {@link DatagramBatch} (up to 32 datagrams a call), each datagram copied out whole into the shared
 * receive buffer, its sender read into a flyweight, MSG_TRUNC reported as truncation; past the budget the rest
 * waits for a queued continuation, so other sockets get a turn. Sending: the outbox goes out 32 datagrams a
 * {@code sendmmsg}; on EAGAIN the socket waits for the next EPOLLOUT edge.
 *
 * <p>Errors: a pending ICMP error on a connected socket comes back as -ECONNREFUSED from the next call and is
 * reported as a {@link java.net.PortUnreachableException}; the socket stays open. Loop thread only.
 */
final class EpollDatagram implements DatagramIo, EpollChannel {
    private static final int EVENTS = Epoll.EPOLLIN | Epoll.EPOLLOUT | Epoll.EPOLLET;
    /** recvmmsg calls per edge before other sockets get a turn. */
    private static final int READ_CALLS = 4;
    private final EpollDriver driver;
    private final int fd;
    private final DatagramEvents events;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final DatagramAddress sender = new DatagramAddress();
    private final Runnable readTask = this::queuedRead;
    private long key;
    private boolean readQueued;
    private boolean writePending;
    private boolean closed;

    private EpollDatagram(EpollDriver driver, int fd, DatagramEvents events, InetSocketAddress local,
                          InetSocketAddress remote) {
        this.driver = driver;
        this.fd = fd;
        this.events = events;
        this.local = local;
        this.remote = remote;
    }

    static EpollDatagram open(EpollDriver driver, InetSocketAddress local, DatagramOptions options,
                              DatagramEvents events) throws IOException {
        if (local.isUnresolved()) {
            throw new IOException("unresolved address: " + local);
        }
        int family = local.getAddress() instanceof Inet6Address ? SocketConstants.AF_INET6 : SocketConstants.AF_INET;
        int fd = Errno.check("socket", Sockets.socket(family,
            SocketConstants.SOCK_DGRAM | SocketConstants.SOCK_NONBLOCK | SocketConstants.SOCK_CLOEXEC, 0));
        EpollDatagram d = null;
        try {
            MemorySegment name = driver.datagramBatch().name(0);
            Errno.check("bind " + local, Sockets.bind(fd, name.address(), SockAddr.write(name, local)));
            if (options.remote() != null) {
                Errno.check("connect to " + options.remote(), driver.calls.connect(fd, options.remote()));
            }
            d = new EpollDatagram(driver, fd, events, (InetSocketAddress) driver.calls.name(fd, false),
                options.remote());
            d.key = driver.register(d);
            Errno.check("epoll_ctl(ADD datagram socket)", driver.add(fd, EVENTS, d.key));
            return d;
        } catch (IOException | RuntimeException e) {
            if (d != null) {
                driver.unregister(fd, d.key, d, false);
            }
            LibC.close(fd);
            throw e;
        }
    }

    @Override
    public void ready(int mask) {
        if (closed) {
            return;
        }
        if (writePending && (mask & (Epoll.EPOLLOUT | Epoll.EPOLLERR)) != 0) {
            writePending = false;
            flush();
        }
        if (!readQueued && (mask & (Epoll.EPOLLIN | Epoll.EPOLLERR)) != 0) {
            receive();
        }
    }

    private void queuedRead() {
        readQueued = false;
        if (!closed) {
            receive();
        }
    }

    /** Drains the socket, or {@link #READ_CALLS} batches of it and queues the rest. */
    private void receive() {
        DatagramBatch batch = driver.datagramBatch();
        SharedRecvBuffer recv = driver.recv();
        int limit = events.receiveLimit();
        for (int call = 0; call < READ_CALLS; call++) {
            int slots = batch.prepareReceive(limit);
            int n = MultiMsg.recvmmsg(fd, batch.vec.address(), slots, 0);
            if (n == -Errno.EAGAIN) {
                return;
            }
            if (n < 0) {
                if (n != -Errno.EINTR) {
                    events.onError(error("receive", n));
                }
                continue;
            }
            for (int i = 0; i < n && !closed; i++) {
                int length = MMsgHdr.msgLen(batch.vec, i);
                Buf into = recv.reserveWhole(length);
                ByteBuffer bb = into.nioBuffer(into.writeIndex(), length);
                bb.put(bb.position(), batch.dataBuffer, DatagramBatch.receivedAt(i, limit), length);
                boolean cut = (MMsgHdr.msgFlags(batch.vec, i) & MultiMsg.MSG_TRUNC) != 0;
                events.onDatagram(recv.commit(length), senderOf(batch.name(i)), cut);
            }
            if (closed) {
                return;
            }
        }
        readQueued = true; // budget spent, the socket maybe not drained: no new edge comes for what it holds
        driver.loop().execute(readTask);
    }

    private DatagramAddress senderOf(MemorySegment name) {
        if (SockAddr.family(name) == SocketConstants.AF_INET6) {
            return sender.setIpv6(InetSockAddr.ipv6High(name), InetSockAddr.ipv6Low(name), SockAddr.port(name),
                InetSockAddr.scopeId(name));
        }
        return sender.setIpv4(InetSockAddr.ipv4(name), SockAddr.port(name));
    }

    private static int writeName(MemorySegment name, DatagramAddress to) {
        return to.isIpv6() ? InetSockAddr.writeIpv6(name, to.ipv6High(), to.ipv6Low(), to.port(), to.scopeId())
            : InetSockAddr.writeIpv4(name, to.ipv4(), to.port());
    }

    @Override
    public void flush() {
        if (closed || writePending) {
            return;
        }
        DatagramBatch batch = driver.datagramBatch();
        DatagramOutbox out = events.outbox();
        while (out.size() > 0) {
            int count = Math.min(out.size(), DatagramBatch.MAX);
            for (int i = 0; i < count; i++) {
                Buf data = out.data(i);
                DatagramAddress to = out.destination(i);
                int namelen = remote != null || to == null ? 0 : writeName(batch.name(i), to);
                batch.prepareSend(i, data.address() + data.readIndex(), data.readableBytes(), namelen);
            }
            int n = MultiMsg.sendmmsg(fd, batch.vec.address(), count, SocketConstants.MSG_NOSIGNAL);
            if (n > 0) {
                out.removeSent(n);
            } else if (n == -Errno.EAGAIN) {
                writePending = true; // the socket buffer is full: the next EPOLLOUT edge resumes
                return;
            } else if (n != -Errno.EINTR) {
                DatagramAddress to = out.destination(0);
                out.removeSent(1); // the kernel refused this one for good
                events.onError(error("send", n, to));
            }
        }
    }

    private IOException error(String op, int negErrno) {
        return error(op, negErrno, null);
    }

    private IOException error(String op, int negErrno, DatagramAddress to) {
        InetSocketAddress peer = remote != null || to == null ? remote : to.toInetSocketAddress();
        if (negErrno == -Errno.ECONNREFUSED) {
            return DatagramErrors.portUnreachable(op, local, peer, null);
        }
        return DatagramErrors.failed(op, local, peer, Errno.exception(op, negErrno));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            driver.unregister(fd, key, this, true);
            LibC.close(fd);
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
