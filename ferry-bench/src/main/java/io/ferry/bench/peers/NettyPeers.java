package io.ferry.bench.peers;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUringIoHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/** What the Netty peers ({@link NettyServer}, {@link NettyUdpServer}) share: transport set-up, how they serve. */
final class NettyPeers {
    private NettyPeers() {
    }

    /** {@return the event loops' I/O for {@code transport}: nio, epoll or io_uring} */
    static IoHandlerFactory ioFactory(String transport) {
        return switch (transport) {
            case "nio" -> NioIoHandler.newFactory();
            case "epoll" -> EpollIoHandler.newFactory();
            case "io_uring" -> IoUringIoHandler.newFactory();
            default -> throw new IllegalArgumentException("unknown transport " + transport);
        };
    }

    /**
     * Prints {@code listening on HOST:PORT backend=NAME} for the bound {@code ch} (the line the harness waits for)
     * and serves until the JVM is stopped, closing the channel and the loops on the way out.
     */
    static void serveUntilStopped(Channel ch, EventLoopGroup group, String backend) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        InetSocketAddress at = (InetSocketAddress) ch.localAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ch.close().syncUninterruptibly();
            group.shutdownGracefully().syncUninterruptibly();
            stopped.countDown();
        }));
        System.out.println("listening on " + at.getHostString() + ":" + at.getPort() + " backend=" + backend);
        System.out.flush();
        stopped.await();
    }
}
