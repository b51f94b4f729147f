package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: 200 concurrent clients on two loops each get their own bytes back, message after message (TCP, Unix).
@Timeout(60)
class ManyConnectionsTest {
    private static final int CLIENTS = 200;
    private static final int MESSAGES = 5;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backendsReceivesAndTransports")
    void shouldServeManyConcurrentClients(BackendFixture.BackendReceive backend, Transport transport) throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        try (BackendFixture fx = BackendFixture.start(backend, transport, 2)) {
            Listener l = fx.listen(c -> {
                opened.incrementAndGet();
                return new Handler() {
                    @Override
                    public void onData(Connection conn, Buf data) {
                        conn.writeAndFlush(data);
                    }

                    @Override
                    public void onClose(Connection conn, Throwable cause) {
                        closed.incrementAndGet();
                    }
                };
            });
            SocketAddress server = l.localAddress();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    int id = i;
                    done.add(clients.submit(() -> {
                        runClient(server, id);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            fx.assertQuiescent();
            assertEquals(CLIENTS, opened.get(), "connections accepted");
            assertEquals(CLIENTS, closed.get(), "connections closed");
        }
    }

    private static void runClient(SocketAddress server, int id) throws Exception {
        try (SocketChannel s = SocketChannel.open(server)) {
            DataInputStream in = new DataInputStream(Channels.newInputStream(s));
            OutputStream out = Channels.newOutputStream(s);
            for (int m = 0; m < MESSAGES; m++) {
                byte[] msg = BackendFixture.pattern(1 + (id * 37 + m * 1009) % 5000, id * MESSAGES + m);
                out.write(msg);
                byte[] back = new byte[msg.length];
                in.readFully(back);
                assertArrayEquals(msg, back, "client " + id + " message " + m);
            }
            s.shutdownOutput();
            assertEquals(-1, in.read(), "server closes after the client's FIN");
        }
    }
}
