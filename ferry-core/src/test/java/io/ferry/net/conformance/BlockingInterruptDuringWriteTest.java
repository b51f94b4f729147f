package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: interrupting a writer parked on backpressure closes the socket, throws
// InterruptedIOException (ClosedByInterruptException through the channel) with the interrupt status
// kept, and every buffer in flight is released once the kernel is done with it.
@Timeout(30)
class BlockingInterruptDuringWriteTest {
    private record Outcome(Throwable error, boolean interrupted, boolean open) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldCloseAndThrowWhenParkedWriteIsInterrupted(BackendKind kind) throws Exception {
        Outcome o = interruptParkedWriter(kind, socket -> {
            byte[] piece = new byte[16 * 1024];
            while (true) {
                socket.write(piece, 0, piece.length);
                socket.flush();
            }
        });
        assertInstanceOf(InterruptedIOException.class, o.error(), "the write throws: " + o.error());
        assertTrue(o.interrupted(), "the interrupt status is kept");
        assertFalse(o.open(), "the socket is closed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldThrowClosedByInterruptThroughChannel(BackendKind kind) throws Exception {
        Outcome o = interruptParkedWriter(kind, socket -> {
            ByteChannel ch = socket.channel();
            ByteBuffer piece = ByteBuffer.allocateDirect(16 * 1024);
            while (true) {
                ch.write(piece.clear());
            }
        });
        assertInstanceOf(ClosedByInterruptException.class, o.error(), "the write throws: " + o.error());
        assertTrue(o.interrupted(), "the interrupt status is kept");
        assertFalse(o.open(), "the channel's socket is closed");
    }

    private interface Writer {
        void writeForever(FerrySocket socket) throws IOException;
    }

    private static Outcome interruptParkedWriter(BackendKind kind, Writer writer) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try (BackendFixture fx = BackendFixture.start(kind, 1);
             FerryServer server = BlockingServers.bind(fx, socket -> {
                 thread.complete(Thread.currentThread());
                 try {
                     writer.writeForever(socket);
                 } catch (IOException e) {
                     outcome.complete(new Outcome(e, Thread.currentThread().isInterrupted(), socket.isOpen()));
                 }
             })) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(16 * 1024);
                s.connect(server.localAddress()); // and never read: the writer must park
                Thread writerThread = thread.get(10, TimeUnit.SECONDS);
                Parking.awaitParked(writerThread);
                writerThread.interrupt();
                Outcome o = outcome.get(10, TimeUnit.SECONDS);
                fx.assertQuiescent();
                return o;
            }
        }
    }
}
