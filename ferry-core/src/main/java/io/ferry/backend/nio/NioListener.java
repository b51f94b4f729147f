package io.ferry.backend.nio;

import io.ferry.spi.ListenerIo;
import io.ferry.connection.SocketConnection;
import io.ferry.net.HandlerFactory;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A listening channel. Accepts up to a budget per wake-up; when the process runs out of file
 * descriptors it stops accepting for a moment (no busy loop) and keeps serving open connections.
 */
final class NioListener implements ListenerIo, NioDriver.NioChannel {
    private static final int ACCEPT_BUDGET = 64;
    private static final long BACKOFF_MILLIS = 100;
    private static final System.Logger LOG = System.getLogger("io.ferry.backend.nio");
    private final NioDriver driver;
    private final ServerSocketChannel channel;
    private final SocketOptions options;
    private final HandlerFactory factory;
    private final SelectionKey key;
    private final boolean tcp;

    private NioListener(NioDriver driver, ServerSocketChannel channel, SocketOptions options, HandlerFactory factory,
                        boolean tcp) throws IOException {
        this.driver = driver;
        this.tcp = tcp;
        this.channel = channel;
        this.options = options;
        this.factory = factory;
        this.key = channel.register(driver.selector(), SelectionKey.OP_ACCEPT, this);
    }

    static NioListener open(NioDriver driver, SocketAddress address, SocketOptions options,
                            HandlerFactory factory) throws IOException {
        boolean unix = address instanceof UnixDomainSocketAddress;
        if (unix) {
            NioDriver.refuseAbstract((UnixDomainSocketAddress) address);
        }
        ServerSocketChannel ch = unix ? ServerSocketChannel.open(StandardProtocolFamily.UNIX)
            : ServerSocketChannel.open();
        try {
            ch.configureBlocking(false);
            if (!unix) { // Unix sockets have no ports to reuse
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (NioBackend.reusePortSupported()) {
                    ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
            }
            ch.bind(address, options.backlog());
            return new NioListener(driver, ch, options, factory, !unix);
        } catch (IOException | RuntimeException e) {
            NioDriver.closeQuietly(ch);
            throw e;
        }
    }

    @Override
    public void ready(SelectionKey k) {
        for (int i = 0; i < ACCEPT_BUDGET; i++) {
            SocketChannel ch;
            try {
                ch = driver.faults == null ? channel.accept() : driver.faults.accept(channel);
            } catch (IOException e) {
                backOff(e);
                return;
            }
            if (ch == null) {
                return;
            }
            adopt(ch);
        }
    }

    private void adopt(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            if (tcp) { // a TCP option: Unix channels refuse it
                ch.setOption(StandardSocketOptions.TCP_NODELAY, options.tcpNoDelay());
            }
            NioSocket socket = new NioSocket(driver, ch, options);
            driver.loop().counters().connectionAccepted();
            SocketConnection.open(driver.loop(), socket, options, factory);
        } catch (IOException e) {
            NioDriver.closeQuietly(ch);
            driver.loop().reportError(e);
        }
    }

    /** accept failed (typically EMFILE): pause accepting briefly instead of spinning on it. */
    private void backOff(IOException e) {
        LOG.log(System.Logger.Level.WARNING, "accept on " + localAddress() + " failed (" + e.getMessage()
            + "); pausing accepts for " + BACKOFF_MILLIS + " ms");
        if (!key.isValid()) {
            return;
        }
        key.interestOps(0);
        driver.loop().schedule(() -> {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }, BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        key.cancel();
        NioDriver.closeQuietly(channel);
    }

    @Override
    public void abort() {
        close();
    }
}
