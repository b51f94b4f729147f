package io.ferry.bench.peers;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDatagramChannel;
import java.net.InetSocketAddress;

/**
 * Netty 4.2's datagram channels as a UDP echo peer: {@code NettyUdpServer TRANSPORT HOST PORT} with TRANSPORT
 * one of nio, epoll, io_uring, on one event loop (as {@code ferry serve echo --udp --loops 1}). Every datagram
 * goes back to its sender; writes are flushed once per read batch. Prints the same
 * {@code listening on HOST:PORT backend=netty-TRANSPORT} line as {@code ferry serve}, and stops on SIGTERM.
 *
 * <p>epoll and io_uring are given Netty's batched-read setting: {@code MAX_DATAGRAM_PAYLOAD_SIZE} with a receive
 * buffer of {@value #BATCH} such payloads, so one read takes up to {@value #BATCH} datagrams ({@code recvmmsg} on
 * epoll, that many {@code RECVMSG}s on io_uring), as Ferry's epoll and io_uring backends do. Without it both read
 * one datagram per call.
 */
public final class NettyUdpServer {
    private static final int MAX_PAYLOAD = 2048;
    private static final int BATCH = 16;

    private NettyUdpServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: NettyUdpServer nio|epoll|io_uring HOST PORT");
            System.exit(2);
        }
        String transport = args[0];
        InetSocketAddress address = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NettyPeers.ioFactory(transport));
        try {
            Bootstrap b = new Bootstrap().group(group).handler(new Echo());
            switch (transport) {
                case "nio" -> b.channel(NioDatagramChannel.class);
                case "epoll" -> b.channel(EpollDatagramChannel.class)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_PAYLOAD)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_PAYLOAD * BATCH));
                default -> b.channel(IoUringDatagramChannel.class)
                    .option(IoUringChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_PAYLOAD)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_PAYLOAD * BATCH));
            }
            NettyPeers.serveUntilStopped(b.bind(address).sync().channel(), group, "netty-" + transport);
        } finally {
            group.shutdownGracefully();
        }
    }

    /** Sends each datagram's buffer back to its sender (the buffer's reference passes to the write). */
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket p = (DatagramPacket) msg;
            ctx.write(new DatagramPacket(p.content(), p.sender()));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a send to a client that has gone (ICMP port unreachable) must not stop the echo
        }
    }
}
