package io.ferry.net.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-checked (Lincheck) hand-off from a connection's loop to the thread reading its {@link Inbox}: the
 * reader arms its {@link Waiter}, re-checks, parks; the loop queues, then wakes. The bridge runs with no loop
 * (its requests only set bits), and a thread standing in for the loop takes them with {@link SocketBridge#run()}.
 *
 * <p>Note: Lincheck's model checker lets a park return spuriously (hard-wired in 3.7), so a lost wake-up is
 * invisible here; these models check safety (order, exactly once, releases, pause state), and
 * {@link BlockingHandoffStressTest} checks with real parks that every waiter wakes.
 */
@Timeout(60)
class InboxHandoffLinearizabilityTest {
    private static final int INVOCATIONS = 300;

    // Two buffers then end of stream, against a reader taking until null. A high watermark of one buffer
    // makes the loop pause reading and the reader ask to resume: reading must not stay paused once drained.
    @Test
    void shouldDeliverEveryBufferOnceInOrderThenEnd() {
        Queue<BufferPool> pools = Models.pools();
        try {
            Lincheck.runConcurrentTest(INVOCATIONS, () -> {
                BufferPool pool = Models.pool(pools);
                SocketBridge bridge = new SocketBridge(0, 4, null);
                RecordingConnection c = new RecordingConnection(null);
                bridge.onOpen(c);
                Buf first = Models.marked(pool, 1);
                Buf second = Models.marked(pool, 2);
                Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
                List<Integer> got = new ArrayList<>();
                Thread reader = Models.thread(failures, () -> {
                    for (Buf b; (b = bridge.inbox().take(0)) != null; ) {
                        got.add(b.readInt());
                        b.release();
                    }
                });
                Thread loop = Models.thread(failures, () -> {
                    bridge.onData(c, first);
                    bridge.onData(c, second);
                    bridge.onInputClosed(c);
                    bridge.run(); // a resume the reader may have asked for already
                });
                reader.start();
                loop.start();
                Models.join(reader);
                Models.join(loop);
                bridge.run(); // the loop's next turn: the reader's last request

                assertTrue(failures.isEmpty(), () -> "thread failed: " + failures);
                assertEquals(List.of(1, 2), got);
                assertFalse(c.readingPaused(), "reading left paused with the inbox drained");
                assertTrue(Models.allHome(pool), "a buffer never came home");
            });
        } finally {
            Models.closeAll(pools);
        }
    }

    // A reader parked for data, a buffer arriving and a close from a third thread: the reader always wakes
    // (with the buffer or with SocketException), and the buffer is released exactly once, by someone.
    @Test
    void shouldWakeTheReaderOnCloseAndReleaseWhatArrives() {
        Queue<BufferPool> pools = Models.pools();
        try {
            Lincheck.runConcurrentTest(INVOCATIONS, () -> {
                BufferPool pool = Models.pool(pools);
                SocketBridge bridge = new SocketBridge(0, 1 << 20, null);
                RecordingConnection c = new RecordingConnection(null);
                bridge.onOpen(c);
                Buf data = Models.marked(pool, 1);
                Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
                boolean[] closedSeen = new boolean[1];
                Thread reader = Models.thread(failures, () -> {
                    try {
                        for (Buf b; (b = bridge.inbox().take(0)) != null; ) {
                            b.release();
                        }
                    } catch (SocketException expected) {
                        closedSeen[0] = true;
                    }
                });
                Thread loop = Models.thread(failures, () -> bridge.onData(c, data));
                Thread closer = Models.thread(failures, () -> bridge.socket().close());
                reader.start();
                loop.start();
                closer.start();
                Models.join(reader);
                Models.join(loop);
                Models.join(closer);
                bridge.run(); // the loop carries out the close

                assertTrue(failures.isEmpty(), () -> "thread failed: " + failures);
                assertTrue(closedSeen[0], "the reader ended without seeing the close");
                assertEquals(1, c.closes.get());
                assertTrue(Models.allHome(pool), "the buffer that raced the close was not released");
            });
        } finally {
            Models.closeAll(pools);
        }
    }
}
