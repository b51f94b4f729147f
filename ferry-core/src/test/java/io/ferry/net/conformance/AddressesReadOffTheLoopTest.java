package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.Connection;
import io.ferry.net.Listener;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Connection}'s address getters answer from any thread, so a thread that reads them while the loop accepts
 * more connections must get the right addresses, and must not disturb the loop's own reading of the addresses
 * of the connections it accepts (a per-loop scratch buffer shared by both would).
 */
class AddressesReadOffTheLoopTest {
    private static final int CONNECTIONS = 1_500;

    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldAnswerTheRightAddressesFromAnotherThreadWhileAccepting(BackendKind kind) throws Exception {
        ConcurrentLinkedQueue<Connection> accepted = new ConcurrentLinkedQueue<>();
        List<String> wrong = new ArrayList<>();
        Set<Integer> clientPorts = new HashSet<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1)) {
            Listener l = fx.listen(c -> {
                accepted.add(c);
                return (conn, data) -> data.release();
            });
            InetSocketAddress server = (InetSocketAddress) l.localAddress();
            AtomicBoolean done = new AtomicBoolean();
            List<Connection> read = new ArrayList<>(); // the reader's; read here after join
            AtomicInteger readCount = new AtomicInteger();
            Thread reader = Thread.ofPlatform().start(() -> {
                while (!done.get() || !accepted.isEmpty()) {
                    Connection c = accepted.poll();
                    if (c == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    SocketAddress local = c.localAddress(); // first reads, off the loop, while it accepts
                    SocketAddress remote = c.remoteAddress();
                    if (!server.equals(local)) {
                        wrong.add("local " + local + " (listening on " + server + ")");
                    }
                    if (!(remote instanceof InetSocketAddress r) || r.getPort() == server.getPort()) {
                        wrong.add("remote " + remote);
                    }
                    read.add(c);
                    readCount.incrementAndGet();
                }
            });
            List<SocketChannel> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    SocketChannel ch = SocketChannel.open(server);
                    clients.add(ch);
                    clientPorts.add(((InetSocketAddress) ch.getLocalAddress()).getPort());
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (readCount.get() < CONNECTIONS && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                done.set(true);
                reader.join(TimeUnit.SECONDS.toMillis(30));
                assertEquals(CONNECTIONS, read.size(), "connections accepted and read");
                assertTrue(wrong.isEmpty(), wrong.size() + " wrong addresses, e.g. " + wrong.subList(0,
                    Math.min(5, wrong.size())));
                Set<Integer> seen = new HashSet<>();
                for (Connection c : read) {
                    seen.add(((InetSocketAddress) c.remoteAddress()).getPort());
                }
                assertEquals(clientPorts, seen, "each connection's remote port is one client's port");
            } finally {
                done.set(true);
                for (SocketChannel ch : clients) {
                    ch.close();
                }
            }
            fx.assertQuiescent();
        }
    }
}
