package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerrySocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connect failures look the same on every backend and in both styles: a {@link ConnectException} whose
 * message names the address once, for a refused port and for an unresolved address, and no descriptor
 * stays behind (issue 12, defects 8 and 12: an unresolved address hung on io_uring and leaked its socket;
 * the type and message differed by backend).
 */
class ConnectErrorsTest {
    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldFailTheSameWayEverywhere(BackendKind kind) throws Exception {
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            InetSocketAddress refused = closedPort();
            InetSocketAddress unresolved = InetSocketAddress.createUnresolved("no-such-host.invalid", 80);
            long before = Descriptors.open();
            for (InetSocketAddress to : new InetSocketAddress[] {refused, unresolved}) {
                CompletionException e = assertThrows(CompletionException.class,
                    () -> ferry.connect(to, (c, data) -> data.release()).orTimeout(20, TimeUnit.SECONDS).join());
                assertShape(kind, to, e.getCause());
                IOException blocking = assertThrows(IOException.class, () -> FerrySocket.connect(ferry, to));
                assertShape(kind, to, blocking);
            }
            assertEquals(before, Descriptors.settleTo(before, 10000), kind + ": descriptors left behind");
        }
    }

    private static void assertShape(BackendKind kind, InetSocketAddress to, Throwable e) {
        assertTrue(e instanceof ConnectException, kind + ": " + e);
        String m = e.getMessage();
        assertTrue(m.startsWith("connect to " + to + " failed: "), kind + ": " + m);
        assertEquals(m.indexOf(String.valueOf(to.getPort())), m.lastIndexOf(String.valueOf(to.getPort())),
            kind + ": the address appears once: " + m);
    }

    private static InetSocketAddress closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
    }
}
