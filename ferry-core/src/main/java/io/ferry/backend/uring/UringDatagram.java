package io.ferry.backend.uring;

import static io.ferry.linux.IoUringConstants.IORING_CQE_F_BUFFER;
import static io.ferry.linux.IoUringConstants.IORING_CQE_F_MORE;

import io.ferry.buffer.Buf;
import io.ferry.linux.Errno;
import io.ferry.linux.InetSockAddr;
import io.ferry.linux.IoUringRecvmsgOut;
import io.ferry.linux.IoVec;
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
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * A UDP socket on io_uring. Receiving: one multishot {@code IORING_OP_RECVMSG} selecting buffers from the loop's
 * {@link DatagramRing}; each CQE is one datagram, whose {@code io_uring_recvmsg_out} header gives the sender and
 * the payload length and flags (MSG_TRUNC); re-armed when it ends (-ENOBUFS, an ICMP error). Sending: up to
 * {@value #SEND_BATCH} {@code IORING_OP_SENDMSG}s at once, one per datagram, each over its own msghdr, iovec and
 * sockaddr in this socket's memory; every payload stays pinned in the outbox until the whole batch completed.
 * Closing cancels the receive and closes the descriptor after the last CQE.
 *
 * <p>Loop thread only.
 */
final class UringDatagram implements DatagramIo, UringOp {
    static final int SEND_BATCH = 32;
    private static final int NAME_ROOM = 32;
    private final UringDriver driver;
    private final int fd;
    private final DatagramEvents events;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final DatagramAddress sender = new DatagramAddress();
    private final Arena arena = Arena.ofConfined();
    /** Send slot i: msghdr i (laid out as mmsghdr elements, whose head is a msghdr), iovec i, name i. */
    private final MemorySegment msgs = arena.allocate((long) MMsgHdr.SIZE * SEND_BATCH, 8);
    private final MemorySegment iovs = arena.allocate((long) IoVec.SIZE * SEND_BATCH, 8);
    private final MemorySegment[] names = new MemorySegment[SEND_BATCH];
    private long recvKey;
    private long sendKey;
    /** Datagrams of the batch in flight, and how many of their CQEs are still to come. */
    private int sendBatch;
    private int sendsPending;
    private boolean closing;
    private boolean closed;

    private UringDatagram(UringDriver driver, int fd, DatagramEvents events, InetSocketAddress local,
                          InetSocketAddress remote) {
        this.driver = driver;
        this.fd = fd;
        this.events = events;
        this.local = local;
        this.remote = remote;
        MemorySegment nameMemory = arena.allocate((long) NAME_ROOM * SEND_BATCH, 8);
        for (int i = 0; i < SEND_BATCH; i++) {
            names[i] = nameMemory.asSlice((long) i * NAME_ROOM, NAME_ROOM);
        }
    }

    static UringDatagram open(UringDriver driver, InetSocketAddress local, DatagramOptions options,
                              DatagramEvents events) throws IOException {
        if (local.isUnresolved()) {
            throw new IOException("unresolved address: " + local);
        }
        int family = local.getAddress() instanceof Inet6Address ? SocketConstants.AF_INET6 : SocketConstants.AF_INET;
        // blocking, as for TCP here: io_uring waits for readiness itself
        int fd = Errno.check("socket", Sockets.socket(family, SocketConstants.SOCK_DGRAM | SocketConstants.SOCK_CLOEXEC,
            0));
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment name = scratch.allocate(SockAddr.STORAGE_SIZE, 8);
            Errno.check("bind " + local, Sockets.bind(fd, name.address(), SockAddr.write(name, local)));
            if (options.remote() != null) {
                Errno.check("connect to " + options.remote(), driver.calls.connect(fd, options.remote()));
            }
            UringDatagram d = new UringDatagram(driver, fd, events, (InetSocketAddress) driver.calls.name(fd, false),
                options.remote());
            driver.adopt(d);
            d.armRecv();
            return d;
        } catch (IOException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    private void armRecv() {
        DatagramRing ring = driver.datagramRing();
        driver.prepare(1, false);
        recvKey = driver.registerSocketOp(this);
        driver.sqe().prepRecvmsgMultishot(fd, ring.template(), DatagramRing.GROUP, 0).userData(recvKey);
    }

    @Override
    public void complete(long key, int res, int flags) {
        if (key == recvKey) {
            onRecv(res, flags);
        } else if (key == sendKey) {
            onSend(res);
        }
    }

    private void onRecv(int res, int flags) {
        boolean more = (flags & IORING_CQE_F_MORE) != 0;
        if (!more) {
            driver.releaseSocketOp(recvKey);
            recvKey = 0;
        }
        if ((flags & IORING_CQE_F_BUFFER) != 0) {
            deliver(flags >>> 16, res);
        } else if (res < 0 && res != -Errno.ENOBUFS && res != -Errno.ECANCELED && !closing) {
            events.onError(error("receive", res, null));
        }
        if (!more) {
            if (closing) {
                finishIfIdle();
            } else {
                armRecv(); // ended by -ENOBUFS (its buffers are back already) or an ICMP error: go on
            }
        }
    }

    /** One datagram in ring buffer {@code id}: report it (unless closing) and recycle the buffer. */
    private void deliver(int id, int res) {
        DatagramRing ring = driver.datagramRing();
        if (closing || res < DatagramRing.PAYLOAD) {
            ring.recycle(id);
            return;
        }
        MemorySegment buffer = ring.buffer(id);
        int received = res - DatagramRing.PAYLOAD;
        int limit = events.receiveLimit();
        int length = Math.min(received, limit);
        boolean cut = received > limit || (IoUringRecvmsgOut.flags(buffer) & MultiMsg.MSG_TRUNC) != 0;
        DatagramAddress from = senderOf(ring.name(id));
        events.onDatagram(ring.copyOutAndRecycle(id, length), from, cut);
    }

    private DatagramAddress senderOf(MemorySegment name) {
        if (SockAddr.family(name) == SocketConstants.AF_INET6) {
            return sender.setIpv6(InetSockAddr.ipv6High(name), InetSockAddr.ipv6Low(name), SockAddr.port(name),
                InetSockAddr.scopeId(name));
        }
        return sender.setIpv4(InetSockAddr.ipv4(name), SockAddr.port(name));
    }

    @Override
    public void flush() {
        if (closing || sendBatch > 0) {
            return; // the batch in flight flushes the rest when it completes
        }
        DatagramOutbox out = events.outbox();
        int n = Math.min(out.size(), SEND_BATCH);
        if (n == 0) {
            return;
        }
        driver.prepare(n, false);
        sendKey = driver.registerSocketOp(this);
        sendBatch = n;
        sendsPending = n;
        for (int i = 0; i < n; i++) {
            driver.sqe().prepSendmsg(fd, message(i, out.data(i), out.destination(i)), SocketConstants.MSG_NOSIGNAL)
                .userData(sendKey);
        }
    }

    /** Fills send slot {@code i} for one datagram and returns its msghdr's address. Allocates nothing. */
    private long message(int i, Buf data, DatagramAddress to) {
        IoVec.set(iovs, i, data.address() + data.readIndex(), data.readableBytes());
        int namelen = 0;
        if (remote == null && to != null) {
            MemorySegment name = names[i];
            namelen = to.isIpv6() ? InetSockAddr.writeIpv6(name, to.ipv6High(), to.ipv6Low(), to.port(), to.scopeId())
                : InetSockAddr.writeIpv4(name, to.ipv4(), to.port());
        }
        MMsgHdr.set(msgs, i, iovs.address() + (long) i * IoVec.SIZE, namelen == 0 ? 0 : names[i].address(), namelen);
        return msgs.address() + MMsgHdr.at(i);
    }

    private void onSend(int res) {
        if (res < 0 && res != -Errno.ECANCELED && !closing) {
            events.onError(error("send", res, null));
        }
        if (--sendsPending > 0) {
            return;
        }
        driver.releaseSocketOp(sendKey);
        sendKey = 0;
        events.outbox().removeSent(sendBatch); // the kernel is done with every payload of the batch
        sendBatch = 0;
        if (closing) {
            finishIfIdle();
        } else {
            flush();
        }
    }

    private IOException error(String op, int negErrno, InetSocketAddress to) {
        InetSocketAddress peer = remote != null ? remote : to;
        if (negErrno == -Errno.ECONNREFUSED) {
            return DatagramErrors.portUnreachable(op, local, peer, null);
        }
        return DatagramErrors.failed(op, local, peer, Errno.exception(op, negErrno));
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (recvKey != 0) {
            driver.cancel(recvKey);
        }
        finishIfIdle();
    }

    /** Once no operation can touch this socket's memory or buffers: close the descriptor, then report. */
    private void finishIfIdle() {
        if (closed || recvKey != 0 || sendKey != 0) {
            return;
        }
        closed = true;
        LibC.close(fd);
        arena.close();
        driver.forget(this);
        events.onClosed();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }
}
