package io.ferry.net.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-checked (Lincheck) hand-off from a connection's loop to the thread reading its {@link Inbox}: the
 * reader arms its {@link Waiter}, re-checks, parks; the loop queues, then wakes. The bridge runs with no loop
 * (its requests only set bits), and a thread standing in for the loop takes them with {@link SocketBridge#run()}.
 *
 * <p>Note: Lincheck's model checker lets a park return spuriously (hard-wired in 3.7), so a lost wake-up is
 * invisible here; these models check safety (order, exactly once, releases, pause state), and
 * {@link BlockingHandoffStressTest} checks with real parks that every waiter wakes. Closing: see
 * {@link InboxCloseLinearizabilityTest}.
 */
@Timeout(60)
class InboxHandoffLinearizabilityTest {
    private static final int INVOCATIONS = 100;
    /** The pause race needs two well-placed switches: more runs for a smaller model. */
    private static final int PAUSE_INVOCATIONS = 400;

    // Two buffers then end of stream, against a reader taking until null.
    @Test
    void shouldDeliverEveryBufferOnceInOrderThenEnd() {
        Models.check(INVOCATIONS, pool -> {
            SocketBridge bridge = new SocketBridge(1 << 16, 1 << 20, null);
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
            });
            reader.start();
            loop.start();
            Models.join(reader);
            Models.join(loop);

            assertTrue(failures.isEmpty(), () -> "thread failed: " + failures);
            assertEquals(List.of(1, 2), got);
            assertTrue(Models.allHome(pool), "a buffer never came home");
        });
    }

    // A high watermark of zero: the buffer makes the loop pause reading (publish, then re-check) while the
    // reader drains it and asks to resume if it saw the pause. Reading must not stay paused once drained.
    @Test
    void shouldNotLeaveReadingPausedOnceTheReaderDrained() {
        Models.check(PAUSE_INVOCATIONS, pool -> {
            SocketBridge bridge = new SocketBridge(0, 0, null);
            RecordingConnection c = new RecordingConnection(null);
            bridge.onOpen(c);
            Buf data = Models.marked(pool, 1);
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Thread reader = Models.thread(failures, () -> bridge.inbox().take(0).release());
            Thread loop = Models.thread(failures, () -> bridge.onData(c, data));
            reader.start();
            loop.start();
            Models.join(reader);
            Models.join(loop);
            bridge.run(); // the loop's next turn: the reader's resume request, if any

            assertTrue(failures.isEmpty(), () -> "thread failed: " + failures);
            assertFalse(c.readingPaused(), "reading left paused with the inbox drained");
            assertTrue(Models.allHome(pool), "a buffer never came home");
        });
    }
}
