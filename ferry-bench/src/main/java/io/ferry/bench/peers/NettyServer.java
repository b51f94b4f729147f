package io.ferry.bench.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.File;
import java.net.InetSocketAddress;

/**
 * Netty 4.2 as a benchmark peer: {@code NettyServer echo|http TRANSPORT HOST PORT LOOPS [jdk|boringssl CERT KEY]}
 * with TRANSPORT one of nio, epoll, io_uring; with the last three, over TLS through {@code SslHandler} on that
 * provider ({@link NettyTls}). Prints the same {@code listening on HOST:PORT backend=...} line as
 * {@code ferry serve}, and stops on SIGTERM.
 */
public final class NettyServer {
    private NettyServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 8) {
            System.err.println("usage: NettyServer echo|http nio|epoll|io_uring HOST PORT LOOPS"
                + " [jdk|boringssl CERT KEY]");
            System.exit(2);
        }
        String app = args[0];
        String transport = args[1];
        InetSocketAddress address = new InetSocketAddress(args[2], Integer.parseInt(args[3]));
        int loops = Integer.parseInt(args[4]);
        Class<? extends ServerChannel> channel = switch (transport) {
            case "nio" -> NioServerSocketChannel.class;
            case "epoll" -> EpollServerSocketChannel.class;
            default -> IoUringServerSocketChannel.class;
        };
        if (!app.equals("echo") && !app.equals("http")) {
            throw new IllegalArgumentException("unknown app " + app);
        }
        SslContext tls = args.length == 8 ? NettyTls.server(args[5], new File(args[6]), new File(args[7])) : null;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, NettyPeers.ioFactory(transport));
        try {
            ServerBootstrap b = new ServerBootstrap().group(group).channel(channel)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelHandler h = app.equals("echo") ? new Echo() : NettyHttpHandlers.pipeline();
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(h);
                    }
                });
            NettyPeers.serveUntilStopped(b.bind(address).sync().channel(), group,
                "netty-" + transport + (tls == null ? "" : "-" + args[5]));
        } finally {
            group.shutdownGracefully();
        }
    }

    /** Writes back what it reads; flushes once per read batch. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
