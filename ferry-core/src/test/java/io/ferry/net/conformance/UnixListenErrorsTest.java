package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.Listener;
import io.ferry.net.blocking.FerryServer;
import java.net.BindException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: listening on a Unix socket path that cannot or must not be taken fails with a clear error naming the
// path, in both styles, and touches nothing: too long for sun_path, a file that is not a socket, a live listener.
@Timeout(30)
class UnixListenErrorsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldRefuseAPathLongerThanSunPath(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1)) {
            UnixDomainSocketAddress at = UnixDomainSocketAddress.of("/tmp/" + "x".repeat(103)); // 108 bytes
            SocketException e = assertThrows(SocketException.class, () -> fx.ferry().listen(at, c -> null));
            assertEquals("listen on " + at + " failed: Unix socket path is 108 bytes, longer than sun_path allows"
                + " (107 bytes)", e.getMessage());
            assertThrows(SocketException.class, () -> FerryServer.bind(fx.ferry(), at, s -> { }));
            assertTrue(Files.notExists(at.getPath()));
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldLeaveAFileThatIsNotASocketAlone(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1)) {
            UnixDomainSocketAddress at = (UnixDomainSocketAddress) fx.listenAddress();
            Files.writeString(at.getPath(), "precious");
            try {
                BindException e = assertThrows(BindException.class, () -> fx.ferry().listen(at, c -> null));
                assertEquals("listen on " + at + " failed: the path exists and is not a socket (nothing was removed)",
                    e.getMessage());
                assertThrows(BindException.class, () -> FerryServer.bind(fx.ferry(), at, s -> { }));
                assertEquals("precious", Files.readString(at.getPath()));
            } finally {
                Files.delete(at.getPath());
            }
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldRefuseAPathALiveListenerHas(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1)) {
            Listener first = fx.listen(c -> (conn, data) -> data.release());
            UnixDomainSocketAddress at = (UnixDomainSocketAddress) first.localAddress();
            BindException e = assertThrows(BindException.class, () -> fx.ferry().listen(at, c -> null));
            assertTrue(e.getMessage().startsWith("listen on " + at + " failed: address already in use"),
                e.getMessage());
            assertTrue(Files.exists(at.getPath()), "the live listener keeps its file");
            first.close();
            assertTrue(Files.notExists(at.getPath()), "closing the listener removes its file");
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldRefuseAPathAnotherProcessListensOn(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1);
             ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            UnixDomainSocketAddress at = (UnixDomainSocketAddress) fx.listenAddress();
            other.bind(at);
            assertThrows(BindException.class, () -> FerryServer.bind(fx.ferry(), at, s -> { }));
            assertTrue(Files.exists(at.getPath()), "another's socket file stays");
            other.close();
            Files.delete(at.getPath());
            fx.assertQuiescent();
        }
    }

    /** A path for tests that must not exist: in the fixture's directory. */
    static Path sibling(BackendFixture fx, String name) {
        return ((UnixDomainSocketAddress) fx.listenAddress()).getPath().resolveSibling(name);
    }
}
