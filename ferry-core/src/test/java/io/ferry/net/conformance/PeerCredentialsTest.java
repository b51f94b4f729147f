package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.PeerCredentials;
import io.ferry.net.Listener;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: an accepted Unix connection tells who connected (SO_PEERCRED: this process, its uid and gid; names on
// nio), in both styles and on the connecting side too; a TCP connection tells nothing.
@Timeout(30)
class PeerCredentialsTest {
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backendsAndTransports")
    void shouldTellWhoConnected(BackendKind kind, Transport transport) throws Exception {
        CompletableFuture<Optional<PeerCredentials>> handlerStyle = new CompletableFuture<>();
        CompletableFuture<Optional<PeerCredentials>> blockingStyle = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(kind, transport, 1)) {
            try (Listener l = fx.listen(c -> {
                     handlerStyle.complete(c.peerCredentials());
                     return (conn, data) -> data.release();
                 });
                 SocketChannel client = SocketChannel.open(l.localAddress())) {
                assertCredentials(kind, transport, handlerStyle.get(10, TimeUnit.SECONDS));
            }
            try (FerryServer server = BlockingServers.bind(fx, s -> blockingStyle.complete(s.peerCredentials()));
                 FerrySocket client = FerrySocket.connect(fx.ferry(), server.localAddress())) {
                assertCredentials(kind, transport, blockingStyle.get(10, TimeUnit.SECONDS));
                assertCredentials(kind, transport, client.peerCredentials()); // the listener's side: this process
            }
            fx.assertQuiescent();
        }
    }

    private static void assertCredentials(BackendKind kind, Transport transport, Optional<PeerCredentials> got)
        throws Exception {
        if (transport == Transport.TCP) {
            assertTrue(got.isEmpty(), "TCP has no peer credentials: " + got);
            return;
        }
        PeerCredentials c = got.orElseThrow();
        if (kind == BackendKind.NIO) {
            assertEquals(-1, c.pid());
            assertEquals(System.getProperty("user.name"), c.user());
            assertTrue(c.group() != null && !c.group().isEmpty(), "group name: " + c);
        } else {
            assertEquals(ProcessHandle.current().pid(), c.pid());
            assertEquals((int) Files.getAttribute(Path.of("/proc/self"), "unix:uid"), c.uid());
            assertEquals((int) Files.getAttribute(Path.of("/proc/self"), "unix:gid"), c.gid());
            assertNull(c.user());
        }
    }
}
