package io.ferry.bench.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.ServerProcess;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Purpose: the Netty UDP peer ferry bench udp starts, on each transport, runs in its own process, prints the
// listening line the harness waits for, and sends every datagram (64 B and 1,200 B, as benchmarked) back whole.
class ShouldEchoDatagramsOnNettyTransportsTest {
    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    @Timeout(60)
    void shouldEchoEachDatagramWhole(String transport) throws Exception {
        assumeTrue(!transport.equals("epoll") || Epoll.isAvailable(), "epoll unavailable");
        assumeTrue(!transport.equals("io_uring") || IoUring.isAvailable(), "io_uring unavailable");
        Contender c = Contender.java("netty-" + transport, "0-" + (Runtime.getRuntime().availableProcessors() - 1),
            "io.ferry.bench.peers.NettyUdpServer", transport, "127.0.0.1", "0");
        try (ServerProcess server = c.start();
             DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            assertEquals("netty-" + transport, server.backend());
            client.connect(new InetSocketAddress(server.host(), server.port()));
            client.setSoTimeout(10_000);
            for (int size : new int[] {64, 1_200}) {
                byte[] sent = new byte[size];
                Arrays.fill(sent, (byte) size);
                client.send(new DatagramPacket(sent, size));
                DatagramPacket echo = new DatagramPacket(new byte[2_048], 2_048);
                client.receive(echo);
                assertArrayEquals(sent, Arrays.copyOf(echo.getData(), echo.getLength()));
            }
        }
    }
}
