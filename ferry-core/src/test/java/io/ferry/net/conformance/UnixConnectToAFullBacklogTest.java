package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.Connection;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a Unix connect to a listener whose backlog is full waits for room, as a TCP connect to a busy listener
// does, instead of failing at once with EAGAIN (what a non-blocking AF_UNIX connect answers: epoll failed so before
// UnixConnectWait), opens once the listener accepts, and gives up at its timeout or when Ferry closes, promptly and
// leaving no descriptor (io_uring's close waited 5 s for the blocked connect and then left its socket open).
@Timeout(30)
class UnixConnectToAFullBacklogTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldWaitForRoomInTheBacklog(BackendKind kind) throws Exception {
        assumeTrue(kind != BackendKind.NIO, "java.nio fails a Unix connect to a full backlog at once: its EAGAIN closes"
            + " the channel (a known difference, documented on Ferry.connect)");
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1);
             ServerSocketChannel slow = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            UnixDomainSocketAddress at = (UnixDomainSocketAddress) fx.listenAddress();
            slow.bind(at, 1);
            List<SocketChannel> queued = fill(at);
            try {
                CompletableFuture<Connection> opening = fx.ferry().connect(at, (conn, data) -> data.release());
                Thread.sleep(200);
                assertFalse(opening.isDone(), "waits while the backlog is full: " + opening);
                slow.configureBlocking(false);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!opening.isDone() && System.nanoTime() < deadline) { // make room, one connection at a time
                    SocketChannel accepted = slow.accept();
                    if (accepted != null) {
                        accepted.close();
                    }
                    Thread.sleep(5);
                }
                Connection c = opening.get(10, TimeUnit.SECONDS);
                assertEquals(at, c.remoteAddress());
                c.loop().execute(c::close);
            } finally {
                for (SocketChannel c : queued) {
                    c.close();
                }
            }
            java.nio.file.Files.delete(at.getPath());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldGiveUpAtTheTimeoutWhileWaiting(BackendKind kind) throws Exception {
        assumeTrue(kind != BackendKind.NIO, "java.nio fails a Unix connect to a full backlog at once");
        try (BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1);
             ServerSocketChannel slow = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            UnixDomainSocketAddress at = (UnixDomainSocketAddress) fx.listenAddress();
            slow.bind(at, 1);
            List<SocketChannel> queued = fill(at);
            long before = Descriptors.open();
            try {
                CompletionException e = assertThrows(CompletionException.class, () -> fx.ferry()
                    .connect(at, (conn, data) -> data.release(), Duration.ofMillis(200)).join());
                String m = e.getCause().getMessage();
                assertTrue(m.endsWith("failed: timed out after 200 ms"), m);
                assertEquals(before, Descriptors.settleTo(before, 10000), kind + ": descriptors left behind");
            } finally {
                for (SocketChannel c : queued) {
                    c.close();
                }
            }
            java.nio.file.Files.delete(at.getPath());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldFailTheWaitingConnectWhenFerryCloses(BackendKind kind) throws Exception {
        assumeTrue(kind != BackendKind.NIO, "java.nio fails a Unix connect to a full backlog at once");
        try (ServerSocketChannel slow = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            long base = Descriptors.open();
            BackendFixture fx = BackendFixture.start(kind, Transport.UNIX, 1);
            UnixDomainSocketAddress at = (UnixDomainSocketAddress) fx.listenAddress();
            slow.bind(at, 1);
            List<SocketChannel> queued = fill(at);
            try {
                CompletableFuture<Connection> opening = fx.ferry().connect(at, (conn, data) -> data.release());
                Thread.sleep(100);
                assertFalse(opening.isDone(), "waits while the backlog is full");
                java.nio.file.Files.delete(at.getPath()); // the foreign listener's file: not the fixture's to remove
                long start = System.nanoTime();
                fx.close();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis < 3_000, kind + ": close took " + millis + " ms");
                assertThrows(CompletionException.class, () -> opening.orTimeout(10, TimeUnit.SECONDS).join());
                long expected = base + queued.size();
                assertEquals(expected, Descriptors.settleTo(expected, 10000), kind + ": descriptors left behind");
                fx.assertPoolsAtBaseline();
            } finally {
                fx.close();
                for (SocketChannel c : queued) {
                    c.close();
                }
            }
        }
    }

    /** Connects without blocking until the listener's backlog is full (the kernel allows backlog + 1). */
    private static List<SocketChannel> fill(UnixDomainSocketAddress at) throws IOException {
        List<SocketChannel> queued = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            c.configureBlocking(false);
            try {
                c.connect(at);
            } catch (IOException full) { // EAGAIN: the backlog is full now (and the JDK closed the channel)
                break;
            }
            queued.add(c);
        }
        return queued;
    }
}
