package io.ferry.connection;

import io.ferry.runtime.LoopThread;
import io.ferry.spi.OutboundQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import io.ferry.loop.OneNioLoop;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Purpose: the backend-independent connection state machine, driven through a {@link FakeSocketIo}: what it
 * asks of the backend and when (write/flush order, close vs abort vs shutdownOutput), what it tells the handler
 * (in order, on the loop thread, nothing after close) and that every buffer goes home on every path.
 *
 * <p>Everything runs on a real (java.nio) loop's thread inside {@code await}. What the connection defers to
 * a later loop turn is awaited through {@link Recorder#seen}, not a second {@code await}: another thread's
 * task may still run in the same turn as the one before it.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SocketConnectionTest {
    private OneNioLoop fixture;
    private List<Throwable> errors;
    private LoopThread loop;

    @BeforeEach
    void start() throws Exception {
        fixture = new OneNioLoop();
        errors = fixture.errors;
        loop = fixture.loop;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void onLoop(Runnable body) {
        fixture.run(body);
    }

    /** A handler that writes down each callback (and releases received bytes), with optional hooks. */
    private final class Recorder implements Handler {
        final List<String> events = new ArrayList<>();
        /** One permit per callback: lets the test thread wait for callbacks of a later loop turn. */
        final Semaphore seen = new Semaphore(0);
        boolean offLoop;
        Consumer<Connection> onOpen = c -> { };
        BiConsumer<Connection, Buf> onData = (c, b) -> { };
        Consumer<Connection> onWritable = c -> { };

        private void note(String event) {
            offLoop |= !loop.inLoop();
            events.add(event);
            seen.release();
        }

        @Override
        public void onOpen(Connection c) {
            note("open");
            onOpen.accept(c);
        }

        @Override
        public void onData(Connection c, Buf data) {
            note("data:" + data.toAsciiString());
            try {
                onData.accept(c, data);
            } finally {
                data.release();
            }
        }

        @Override
        public void onWritable(Connection c) {
            note("writable");
            onWritable.accept(c);
        }

        @Override
        public void onInputClosed(Connection c) {
            note("inputClosed");
        }

        @Override
        public void onClose(Connection c, Throwable cause) {
            note("close:" + (cause == null ? null : cause.getMessage()));
        }
    }

    private SocketConnection open(FakeSocketIo io, Recorder h, SocketOptions options) {
        return SocketConnection.open(loop, io, options, c -> h);
    }

    private SocketConnection open(FakeSocketIo io, Recorder h) {
        return open(io, h, SocketOptions.defaults());
    }

    private Buf text(String s) {
        return loop.pool().acquire(Math.max(1, s.length())).writeAscii(s);
    }

    private static String queued(SocketConnection c) {
        StringBuilder all = new StringBuilder();
        OutboundQueue q = c.outbound();
        for (int i = 0; i < q.size(); i++) {
            all.append(q.get(i).toAsciiString());
        }
        return all.toString();
    }

    /** The end state every path must reach once the backend reported onClosed. */
    private void assertGone(SocketConnection c, Recorder h) {
        assertFalse(c.isOpen());
        assertEquals(0, loop.openResources(), "the loop still tracks the connection");
        assertEquals(0, loop.pool().stats().inUse(), () -> "buffers not home: " + loop.pool().stats());
        assertFalse(h.offLoop, "a handler callback ran off the loop thread");
        assertTrue(h.events.getLast().startsWith("close:"), () -> "onClose is not last: " + h.events);
        assertEquals(1, h.events.stream().filter(e -> e.startsWith("close:")).count(), "onClose once");
    }

    @Test
    void shouldBindOpenAndThenStartReading() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            h.onOpen = c -> assertEquals(List.of("bind"), io.calls, "bound before the handler sees it");
            SocketConnection c = open(io, h);
            assertEquals(List.of("bind", "resume"), io.calls);
            assertEquals(List.of("open"), h.events);
            assertTrue(c.isOpen());
            assertEquals(1, loop.openResources(), "the loop tracks an open connection");
            c.abort();
            io.connection.onClosed();
            assertGone(c, h);
        });
    }

    @Test
    void shouldNotStartReadingWhenOnOpenPaused() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            h.onOpen = Connection::pauseReading;
            SocketConnection c = open(io, h);
            assertEquals(List.of("bind", "pause"), io.calls);
            c.abort();
            c.onClosed();
            assertGone(c, h);
        });
    }

    @Test
    void shouldCloseWithoutReadingWhenOnOpenClosed() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            h.onOpen = Connection::close;
            SocketConnection c = open(io, h);
            assertEquals(List.of("bind", "close"), io.calls);
            c.onClosed();
            assertEquals(List.of("open", "close:null"), h.events);
            assertGone(c, h);
        });
    }

    @Test
    void shouldResetWhenOnOpenThrows() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            h.onOpen = c -> {
                throw new IllegalStateException("boom");
            };
            SocketConnection c = open(io, h);
            assertEquals(List.of("bind", "reset"), io.calls);
            c.onClosed();
            assertEquals(List.of("open", "close:boom"), h.events, "the handler's exception is the cause");
            assertGone(c, h);
        });
        assertEquals(1, errors.size(), "the exception goes to the error handler");
        errors.clear();
    }

    @Test
    void shouldQueueWritesUntilFlushAndSendThemInOrder() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h);
            c.writer().write("AB".getBytes(StandardCharsets.US_ASCII));
            c.write(text("CD"));
            c.writer().write("EF".getBytes(StandardCharsets.US_ASCII));
            c.write(text("GH"));
            assertEquals(List.of("bind", "resume"), io.calls, "write alone does not start a send");
            assertEquals(8, c.pendingWriteBytes(), "the writer's bytes count as pending");
            c.flush();
            assertEquals(List.of("bind", "resume", "flush"), io.calls);
            assertEquals("ABCDEFGH", queued(c), "writer bytes and direct writes go out in call order");
            c.onWritten(3);
            assertEquals("DEFGH", queued(c));
            assertEquals(5, c.pendingWriteBytes());
            io.sendAll();
            assertEquals(0, c.pendingWriteBytes());
            assertEquals(0, loop.pool().stats().inUse(), "sent buffers (and the idle writer's) went home");
            c.close();
            c.onClosed();
            assertEquals(List.of("open", "close:null"), h.events);
            assertGone(c, h);
        });
    }

    @Test
    void shouldNotAskTheBackendToSendAnEmptyQueue() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h);
            c.flush();
            c.write(loop.pool().acquire(8)); // empty: released at once
            c.flush();
            assertEquals(List.of("bind", "resume"), io.calls);
            c.abort();
            c.onClosed();
            assertGone(c, h);
        });
    }

    @Test
    void shouldFlushQueuedBytesBeforeAnOrderlyClose() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h);
            c.write(text("hello"));
            c.close();
            assertFalse(c.isOpen());
            assertTrue(c.isClosing());
            assertEquals(List.of("bind", "resume", "flush"), io.calls, "close flushes first, closes later");
            Buf late = text("late");
            c.write(late);
            assertEquals(0, late.refCnt(), "a write after close is released, not queued");
            assertEquals("hello", queued(c));
            c.onWritten(2);
            assertEquals(List.of("bind", "resume", "flush"), io.calls, "not closed while bytes remain");
            c.onWritten(3);
            assertEquals(List.of("bind", "resume", "flush", "close"), io.calls, "FIN close once drained");
            c.close();
            c.abort();
            assertEquals(List.of("bind", "resume", "flush", "close"), io.calls, "the socket is closed once");
            c.onClosed();
            assertEquals(List.of("open", "close:null"), h.events);
            assertGone(c, h);
        });
    }

    @Test
    void shouldDropQueuedBytesOnAbortButKeepThemPinnedUntilClosed() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h);
            Buf a = text("queued").retain();
            c.write(a);
            c.flush();
            c.abort();
            assertEquals(List.of("bind", "resume", "flush", "reset"), io.calls, "abort resets at once");
            assertEquals(2, a.refCnt(), "a send may still be in flight: the buffer stays pinned");
            c.flush();
            assertEquals(4, io.calls.size(), "no flush after abort");
            c.onClosed();
            assertEquals(1, a.refCnt(), "released exactly once when the connection is gone");
            a.release();
            assertEquals(List.of("open", "close:null"), h.events);
            assertGone(c, h);
        });
    }

    @Test
    void shouldSendFinOnlyAfterTheQueuedBytesAndKeepReading() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h);
            c.write(text("last words"));
            c.shutdownOutput();
            assertEquals(List.of("bind", "resume", "flush"), io.calls, "the queue is flushed before FIN");
            io.sendAll();
            assertEquals(List.of("bind", "resume", "flush", "shutdown"), io.calls);
            assertTrue(c.isOpen(), "half-closed: still open");
            c.onRead(text("reply"));
            assertEquals(List.of("open", "data:reply"), h.events, "reading goes on after shutdownOutput");
            c.close();
            c.onClosed();
            assertGone(c, h);
        });
    }

    @Test
    void shouldShutdownAtOnceWhenNothingIsQueued() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h);
            c.shutdownOutput();
            assertEquals(List.of("bind", "resume", "shutdown"), io.calls);
            c.abort();
            c.onClosed();
            assertGone(c, h);
        });
    }

    // shutdownOutput() with bytes queued, then abort(): when the send already in flight completes (onWritten;
    // io_uring reports it even after cancel) no FIN may follow on a socket asked to close with RST. Before
    // 3f4c7b8 abort() (or onFailure) left shutdownOutputPending set and afterDrained() sent the FIN.
    @Test
    void shouldNotSendFinAfterAbort() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h);
            c.write(text("in flight"));
            c.shutdownOutput();
            c.abort();
            io.sendAll(); // the in-flight send completes after the abort
            c.onClosed();
            assertEquals(List.of("bind", "resume", "flush", "reset"), io.calls, "nothing asked of a reset socket");
            assertGone(c, h);
        });
    }

    @Test
    void shouldCloseOnFailureWithTheErrorAsCause() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h);
            Buf a = text("unsent").retain();
            c.write(a);
            c.flush();
            c.onFailure(new IOException("connection reset by peer"));
            c.onFailure(new IOException("second error"));
            assertFalse(c.isOpen());
            assertEquals(List.of("bind", "resume", "flush", "close"), io.calls, "the socket is closed once");
            c.onRead(text("after failure"));
            c.onClosed();
            assertEquals(1, a.refCnt(), "the unsent buffer was released exactly once");
            a.release();
            assertEquals(2, h.events.size(), () -> "open, then close: " + h.events);
            assertTrue(h.events.get(1).startsWith("close:connection with ")
                && h.events.get(1).endsWith(" broke: connection reset by peer"), () -> "the first error is the cause, "
                + "as a SocketException naming the peer: " + h.events);
            assertGone(c, h);
        });
    }

    @Test
    void shouldDeliverNothingOnceACloseWasAskedFor() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h);
            c.write(text("pending"));
            c.close(); // CLOSING: waiting for the queue to drain
            Buf closing = text("while closing");
            c.onRead(closing);
            assertEquals(0, closing.refCnt(), "bytes arriving while closing are released, not delivered");
            c.onInputClosed();
            io.sendAll();
            c.onClosed();
            c.onClosed();
            Buf after = text("after closed");
            c.onRead(after);
            c.onInputClosed();
            assertEquals(0, after.refCnt());
            assertEquals(List.of("open", "close:null"), h.events);
            assertGone(c, h);
        });
    }

    @Test
    void shouldReportWritabilityAcrossTheWatermarks() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h, SocketOptions.defaults().withWatermarks(4, 8));
            c.write(text("12345678"));
            assertTrue(c.isWritable(), "at the high watermark: still writable");
            c.write(text("9"));
            assertFalse(c.isWritable(), "over the high watermark");
            c.flush();
            c.onWritten(4);
            assertFalse(c.isWritable(), "5 pending: above the low watermark");
            assertEquals(List.of("open"), h.events);
            c.onWritten(1);
            assertTrue(c.isWritable(), "4 pending: at the low watermark");
            assertEquals(List.of("open", "writable"), h.events);
            c.onWritten(4);
            assertEquals(List.of("open", "writable"), h.events, "onWritable once per crossing");
            c.close();
            c.onClosed();
            assertGone(c, h);
        });
    }

    @Test
    void shouldAbortWhenOnDataThrowsAndDeliverNothingMore() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            h.onData = (c, b) -> {
                throw new IllegalArgumentException("bad frame");
            };
            SocketConnection c = open(io, h);
            c.onRead(text("x"));
            assertEquals(List.of("bind", "resume", "reset"), io.calls);
            c.onRead(text("y"));
            c.onClosed();
            assertEquals(List.of("open", "data:x", "close:bad frame"), h.events);
            assertGone(c, h);
        });
        assertEquals(1, errors.size());
        errors.clear();
    }

    @Test
    void shouldHoldBytesAndFinWhilePausedAndDeliverThemInALaterTurn() throws Exception {
        FakeSocketIo io = new FakeSocketIo();
        Recorder h = new Recorder();
        SocketConnection[] conn = new SocketConnection[1];
        onLoop(() -> {
            SocketConnection c = open(io, h);
            conn[0] = c;
            c.pauseReading();
            c.pauseReading();
            assertEquals(List.of("bind", "resume", "pause"), io.calls, "paused once");
            c.onRead(text("a")); // a completion backend may have had these in flight
            c.onRead(text("b"));
            c.onInputClosed();
            assertEquals(List.of("open"), h.events, "nothing delivered while paused");
            c.resumeReading();
            assertEquals(List.of("open"), h.events, "held bytes never come from inside resumeReading");
        });
        assertTrue(h.seen.tryAcquire(4, 5, TimeUnit.SECONDS), "held bytes and FIN never delivered");
        onLoop(() -> {
            assertEquals(List.of("open", "data:a", "data:b", "inputClosed"), h.events);
            assertEquals(List.of("bind", "resume", "pause"), io.calls, "no read restarted after a held FIN");
            conn[0].close();
            conn[0].onClosed();
            assertGone(conn[0], h);
        });
    }

    @Test
    void shouldResumeTheSocketAfterDeliveringHeldBytes() throws Exception {
        FakeSocketIo io = new FakeSocketIo();
        Recorder h = new Recorder();
        SocketConnection[] conn = new SocketConnection[1];
        onLoop(() -> {
            SocketConnection c = open(io, h);
            conn[0] = c;
            c.pauseReading();
            c.onRead(text("held"));
            c.resumeReading();
            c.onRead(text("newer")); // arrives before the held bytes went out: must queue behind them
        });
        assertTrue(h.seen.tryAcquire(3, 5, TimeUnit.SECONDS), "held bytes never delivered");
        onLoop(() -> {
            assertEquals(List.of("open", "data:held", "data:newer"), h.events);
            assertEquals(List.of("bind", "resume", "pause", "resume"), io.calls);
            conn[0].abort();
            conn[0].onClosed();
            assertGone(conn[0], h);
        });
    }

    @Test
    void shouldReleaseHeldBytesWhenClosedWhilePaused() {
        onLoop(() -> {
            FakeSocketIo io = new FakeSocketIo();
            Recorder h = new Recorder();
            SocketConnection c = open(io, h);
            c.pauseReading();
            Buf held = text("never read").retain();
            c.onRead(held);
            c.abort();
            c.onClosed();
            assertEquals(1, held.refCnt(), "held bytes released exactly once on close");
            held.release();
            assertEquals(List.of("open", "close:null"), h.events);
            assertGone(c, h);
        });
    }

    @Test
    void shouldRefuseUseFromAnotherThread() {
        FakeSocketIo io = new FakeSocketIo();
        Recorder h = new Recorder();
        SocketConnection c = loop.await(() -> open(io, h));
        Buf b = loop.await(() -> text("x"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.write(b));
        assertTrue(e.getMessage().contains("only its loop thread"), e.getMessage());
        assertThrows(IllegalStateException.class, c::flush);
        assertThrows(IllegalStateException.class, c::close);
        assertThrows(IllegalStateException.class, c::abort);
        onLoop(() -> {
            b.release();
            c.abort();
            c.onClosed();
            assertGone(c, h);
        });
    }
}
