package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerrySocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: connecting to a Unix socket path nobody listens on fails the same way on every backend and in both
// styles, a ConnectException naming the path and the reason (no such file, refused by a stale socket file, too
// long for sun_path), and leaves no descriptor behind.
@Timeout(60)
class UnixConnectErrorsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldFailClearlyForPathsNobodyListensOn(BackendKind kind) throws Exception {
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1)) {
            UnixDomainSocketAddress missing = UnixDomainSocketAddress.of(UnixListenErrorsTest.sibling(fx, "none"));
            UnixDomainSocketAddress stale = UnixDomainSocketAddress.of(UnixListenErrorsTest.sibling(fx, "stale"));
            try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                dead.bind(stale); // closed below without removing its file: stale
            }
            UnixDomainSocketAddress tooLong = UnixDomainSocketAddress.of("/tmp/" + "y".repeat(110));
            long before = Descriptors.open();
            List<List<Object>> cases = List.of(List.of(missing, "ENOENT|No such file"),
                List.of(stale, "ECONNREFUSED|[Cc]onnection refused"), List.of(tooLong, "longer than sun_path allows"));
            for (List<Object> c : cases) {
                UnixDomainSocketAddress to = (UnixDomainSocketAddress) c.get(0);
                String reason = (String) c.get(1);
                CompletionException e = assertThrows(CompletionException.class, () -> fx.ferry()
                    .connect(to, (conn, data) -> data.release()).orTimeout(20, TimeUnit.SECONDS).join());
                assertShape(kind, to, reason, e.getCause());
                IOException blocking = assertThrows(IOException.class, () -> FerrySocket.connect(fx.ferry(), to));
                assertShape(kind, to, reason, blocking);
            }
            assertEquals(before, Descriptors.settleTo(before, 10000), kind + ": descriptors left behind");
            java.nio.file.Files.delete(stale.getPath());
            fx.assertQuiescent();
        }
    }

    private static void assertShape(BackendKind kind, UnixDomainSocketAddress to, String reason, Throwable e) {
        assertTrue(e instanceof ConnectException, kind + ": " + e);
        String m = e.getMessage();
        assertTrue(m.startsWith("connect to " + to + " failed: "), kind + ": " + m);
        assertTrue(java.util.regex.Pattern.compile(reason).matcher(m).find(), kind + ": " + m);
    }
}
