package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.Listener;
import io.ferry.net.SocketOptions;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a Unix listener's socket file: a stale one (its listener died) is replaced, the asked-for mode is set
// before listen returns, and closing removes the file it created but never one that replaced it.
@Timeout(30)
class UnixSocketFileTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldReplaceAStaleSocketFile(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1)) {
            UnixDomainSocketAddress at = (UnixDomainSocketAddress) fx.listenAddress();
            try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                dead.bind(at); // its file outlives it
            }
            assertTrue(Files.exists(at.getPath()), "stale file in place");
            try (Listener l = fx.listen(c -> (conn, data) -> conn.writeAndFlush(data))) {
                byte[] payload = BackendFixture.pattern(1000, 4);
                assertArrayEquals(payload, BackendFixture.echoThrough(l.localAddress(), payload));
            }
            assertTrue(Files.notExists(at.getPath()), "closing removed the file");
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldApplyTheModeBeforeListenReturns(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1)) {
            SocketOptions options =
                fx.ferry().socketOptions().withUnixMode(PosixFilePermissions.fromString("rw-------"));
            try (Listener l = fx.ferry().listen(fx.listenAddress(), options, c -> (conn, data) -> data.release())) {
                Path file = ((UnixDomainSocketAddress) l.localAddress()).getPath();
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldNotRemoveAFileThatReplacedItsOwn(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1)) {
            Listener l = fx.listen(c -> (conn, data) -> data.release());
            Path file = ((UnixDomainSocketAddress) l.localAddress()).getPath();
            Files.delete(file);
            Files.writeString(file, "someone else's");
            l.close();
            assertEquals("someone else's", Files.readString(file));
            Files.delete(file);
            fx.assertQuiescent();
        }
    }
}
