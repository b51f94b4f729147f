package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connect that outlives its timeout fails with "timed out" and gives its descriptor back at once: the kernel's
 * attempt is called off, not left retrying SYNs for two minutes. The unanswered peer is a loopback listener whose
 * accept queue is full (Linux then drops new SYNs).
 */
class ConnectTimeoutTest {
    @ParameterizedTest
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldFailInTimeAndCallOffTheKernelsAttempt(BackendKind kind) throws Exception {
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            InetSocketAddress silent = (InetSocketAddress) full.getLocalSocketAddress();
            assumeTrue(fillAcceptQueue(silent, fillers), "the kernel kept answering SYNs to a full accept queue");
            long before = Descriptors.open();
            CompletionException e = assertThrows(CompletionException.class, () -> ferry.connect(silent,
                (c, data) -> data.release(), Duration.ofMillis(300)).orTimeout(20, TimeUnit.SECONDS).join());
            ConnectException failure = assertInstanceOf(ConnectException.class, e.getCause());
            assertTrue(failure.getMessage().contains("timed out after 300 ms"), failure.getMessage());
            assertEquals(before, Descriptors.settleTo(before, 3000),
                kind + ": the timed-out attempt still holds its descriptor");
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    /** Connects until one attempt goes unanswered: the accept queue is then full. */
    private static boolean fillAcceptQueue(InetSocketAddress to, List<Socket> fillers) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(to, 300);
            } catch (SocketTimeoutException unanswered) {
                return true;
            }
        }
        return false;
    }
}
