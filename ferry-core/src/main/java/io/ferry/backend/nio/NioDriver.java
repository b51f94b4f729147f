package io.ferry.backend.nio;

import io.ferry.file.internal.BlockingFileIo;
import io.ferry.spi.DatagramEvents;
import io.ferry.spi.DatagramIo;
import io.ferry.spi.FileIo;
import io.ferry.spi.IoDriver;
import io.ferry.spi.ListenerIo;
import io.ferry.spi.SharedRecvBuffer;
import io.ferry.spi.LoopContext;
import io.ferry.net.Connection;
import io.ferry.net.DatagramOptions;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import io.ferry.net.UnixSockets;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One loop's selector, its listeners and sockets, and the shared receive buffer they read into. */
final class NioDriver implements IoDriver {
    /** Most buffers one gathered write takes. */
    static final int MAX_GATHER = 64;
    private final LoopContext loop;
    /** Injected faults (tests only); null in production. */
    final NioFaults faults;
    private final Selector selector;
    private final SharedRecvBuffer recv;
    private final BlockingFileIo files;
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    /** Bytes in the gather batch a socket is writing now (kept here, not in each of the many sockets). */
    long gatheredBytes;
    private final Consumer<SelectionKey> dispatch = this::dispatch;
    private int dispatched;
    private ByteBuffer datagramScratch;
    /** Selector.select calls, for the loop's stats. */
    private long selects;

    NioDriver(LoopContext loop, NioFaults faults) throws IOException {
        this.loop = loop;
        this.faults = faults;
        this.selector = Selector.open();
        this.recv = new SharedRecvBuffer(loop.pool());
        this.files = new BlockingFileIo(loop);
    }

    LoopContext loop() {
        return loop;
    }

    Selector selector() {
        return selector;
    }

    SharedRecvBuffer recv() {
        return recv;
    }

    ByteBuffer[] gatherScratch() {
        return gather;
    }

    @Override
    public int poll(long timeoutNanos) throws IOException {
        dispatched = 0;
        selects++;
        if (timeoutNanos != 0) {
            recv.close(); // about to sleep: an idle loop holds no receive buffer
        }
        if (timeoutNanos == 0) {
            selector.selectNow(dispatch);
        } else if (timeoutNanos < 0) {
            selector.select(dispatch);
        } else {
            selector.select(dispatch, Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
        }
        if (dispatched == 0) {
            loop.awoke();
        }
        return dispatched;
    }

    private void dispatch(SelectionKey key) {
        if (dispatched++ == 0) {
            loop.awoke(); // the selector hands over keys only after its wait: the stretch starts here
        }
        try {
            ((NioChannel) key.attachment()).ready(key);
        } catch (Throwable t) {
            loop.reportError(t);
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public ListenerIo listen(SocketAddress address, SocketOptions options, HandlerFactory factory)
        throws IOException {
        return NioListener.open(this, address, options, factory);
    }

    @Override
    public void connect(SocketAddress remote, SocketOptions options, Handler handler,
                        CompletableFuture<Connection> result) {
        SocketChannel ch = null;
        try {
            if (remote instanceof UnixDomainSocketAddress unix) {
                refuseAbstract(unix);
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                ch.configureBlocking(false);
            } else {
                ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, options.tcpNoDelay()); // TCP only
            }
            NioSocket socket = new NioSocket(this, ch, options);
            boolean connected = ch.connect(remote);
            NioConnect connect = NioConnect.start(socket, options, handler, result, connected);
            result.whenComplete((c, e) -> {
                if (result.isCancelled()) {
                    connect.abort(); // the caller gave up (a timeout): close the channel still connecting
                }
            });
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            result.completeExceptionally(e);
        }
    }

    /** java.nio has no way to name Linux's abstract namespace (its paths cannot hold the leading NUL). */
    static void refuseAbstract(UnixDomainSocketAddress address) {
        if (UnixSockets.isAbstract(address)) {
            throw new UnsupportedOperationException("the nio backend cannot use Linux's abstract Unix socket "
                + "namespace (" + address.getPath() + "): java.nio has no way to name it; use io_uring or epoll");
        }
    }

    @Override
    public DatagramIo openDatagram(InetSocketAddress local, DatagramOptions options, DatagramEvents events)
        throws IOException {
        return NioDatagram.open(this, local, options, events);
    }

    /** Where datagrams are received before being copied out whole: one maximal datagram and a byte, made once. */
    ByteBuffer datagramScratch() {
        if (datagramScratch == null) {
            datagramScratch = ByteBuffer.allocateDirect(65_536);
        }
        return datagramScratch;
    }

    static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing after a failure: the first error is the one reported
            }
        }
    }

    @Override
    public int inFlight() {
        return files.inFlight();
    }

    @Override
    public long kernelEntries() {
        return selects;
    }

    @Override
    public FileIo files() {
        return files;
    }

    @Override
    public void close() {
        files.shutdown();
        try {
            for (SelectionKey key : new ArrayList<>(selector.keys())) {
                if (key.attachment() instanceof NioChannel ch) {
                    ch.abort();
                }
            }
            selector.selectNow();
            selector.close();
        } catch (IOException | ClosedSelectorException e) {
            loop.reportError(e);
        }
        recv.close();
    }

    /** Something registered with the selector. */
    interface NioChannel {
        void ready(SelectionKey key) throws IOException;

        /** Loop is shutting down: close at once. */
        void abort();
    }
}
