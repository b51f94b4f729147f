package io.ferry.net.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import java.net.SocketException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-checked (Lincheck) close of an {@link Inbox} against its reader and its loop: see
 * {@link InboxHandoffLinearizabilityTest} for the set-up and for what these models cannot see (lost wake-ups).
 */
@Timeout(60)
class InboxCloseLinearizabilityTest {
    private static final int INVOCATIONS = 150;
    private static final int RACE_INVOCATIONS = 400;

    // A reader parked for data, a buffer arriving and a close from a third thread: the reader always wakes
    // (with the buffer or with SocketException), and the buffer is released exactly once, by someone.
    @Test
    void shouldWakeTheReaderOnCloseAndReleaseWhatArrives() {
        Models.check(INVOCATIONS, pool -> {
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
    }

    // The smallest model of the same race: the loop queues a buffer while another thread closes. Whoever
    // publishes last must release it (the inbox re-runs its discard after queueing when it sees the close).
    @Test
    void shouldReleaseABufferThatRacesTheClose() {
        Models.check(RACE_INVOCATIONS, pool -> {
            SocketBridge bridge = new SocketBridge(0, 1 << 20, null);
            Buf data = Models.marked(pool, 1);
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Thread loop = Models.thread(failures, () -> bridge.inbox().offer(data));
            Thread closer = Models.thread(failures, () -> bridge.inbox().close());
            loop.start();
            closer.start();
            Models.join(loop);
            Models.join(closer);

            assertTrue(failures.isEmpty(), () -> "thread failed: " + failures);
            assertTrue(Models.allHome(pool), "the buffer that raced the close was not released");
        });
    }
}
